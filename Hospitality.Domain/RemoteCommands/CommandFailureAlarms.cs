using Hospitality.Domain.Alarms;
using Hospitality.EventStore;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hospitality.Domain.RemoteCommands;

/// <summary>
/// After a command fails (the machine said so, or it never acknowledged), raises a "command failed" alarm for its machine,
/// one per command, so staff see it with the others and resolve it once they have dealt with it.
/// </summary>
public sealed partial class CommandFailureAlarms(IServiceScopeFactory scopes, ILogger<CommandFailureAlarms> logger) : ICommitListener
{
    public async Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CancellationToken ct)
    {
        foreach (var failed in committed.SelectMany(s => s.Events).Select(e => e.Data).OfType<CommandFailed>())
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
                await using var session = scope.ServiceProvider.GetRequiredService<IDocumentStore>().QuerySession(tenantId);
                if (await session.LoadAsync<RemoteCommand>(failed.CommandId, ct) is not { } command) continue;
                await mediator.Send(new RaiseAlarm(tenantId, command.DeviceId, AlarmKind.CommandFailed, failed.CommandId.ToString("N"),
                    $"{command.Kind} failed: {failed.Reason}"), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRaiseFailed(logger, e, failed.CommandId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not raise the alarm for failed command {CommandId}")]
    private static partial void LogRaiseFailed(ILogger logger, Exception exception, Guid commandId);
}
