using Hospitality.Domain.Alarms;
using Hospitality.Domain.Devices;
using Hospitality.EventStore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hospitality.Domain.RemoteCommands;

/// <summary>
/// After a command fails (the machine said so, or it never acknowledged), raises a "command failed" alarm for its machine,
/// one per command, so staff see it with the others and resolve it once they have dealt with it. A command fails once, so
/// its alarm is raised once: if the fleet sweep raised it first, there is nothing left to do (<see cref="CommandFailureSweep"/>).
/// </summary>
public sealed partial class CommandFailureAlarms(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CommandFailureAlarms> logger) : ICommitListener
{
    public async Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CancellationToken ct)
    {
        foreach (var failed in committed.SelectMany(s => s.Events).Select(e => e.Data).OfType<CommandFailed>())
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<IDocumentStore>();
                await using var session = store.QuerySession(tenantId);
                if (await session.LoadAsync<RemoteCommand>(failed.CommandId, ct) is not { } command
                    || await session.LoadAsync<Device>(command.DeviceId, ct) is not { } device) continue;
                await new AlarmBook(store).EnsureRaisedAsync(AlarmOf(tenantId, command, device, clock.GetUtcNow()), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRaiseFailed(logger, e, failed.CommandId);
            }
        }
    }

    /// <summary>
    /// The alarm a failed command raises: its own condition (the subject is the command), saying what failed and why, the
    /// machine's reason cut to what an alarm holds.
    /// </summary>
    public static SeeCondition AlarmOf(string tenantId, RemoteCommand command, Device device, DateTimeOffset at)
    {
        var message = $"{command.Kind} failed: {command.Result}";
        if (message.Length > AlarmDecisions.MaxMessageLength) message = message[..(AlarmDecisions.MaxMessageLength - 1)] + "…";
        return new SeeCondition(new AlarmSource(tenantId, device.Id, device.Name, device.LocationId), AlarmKind.CommandFailed, Subject(command.Id),
            message, null, at);
    }

    /// <summary>The failed command's alarm condition, as <see cref="AlarmStreams.Condition"/> names it.</summary>
    public static string Condition(RemoteCommand command) => AlarmStreams.Condition(command.DeviceId, AlarmKind.CommandFailed, Subject(command.Id));

    private static string Subject(Guid commandId) => commandId.ToString("N");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not raise the alarm for failed command {CommandId}; the fleet sweep tries again")]
    private static partial void LogRaiseFailed(ILogger logger, Exception exception, Guid commandId);
}
