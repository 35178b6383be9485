using Hospitality.Domain.RemoteCommands;
using Hospitality.Hubs.Devices;
using MediatR;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Hospitality.Web.Devices;

/// <summary>
/// The platform's clock for remote commands, on every server: sent commands not acknowledged in time are retried with
/// backoff or given up, commands past their time expire, and machines with commands due again hear <c>CommandsDue</c> on
/// <c>/hubs/devices</c>. All state is in the commands' streams, so a restarted server simply carries on; two servers
/// ticking at once meet on the streams' versions and one of them does the work.
/// </summary>
public sealed partial class CommandDispatcher(IServiceScopeFactory scopes, IHubContext<DevicesHub> hub, IOptions<CommandTiming> timing,
    ILogger<CommandDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(timing.Value.DispatchEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var due = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new TickCommands(), stoppingToken);
                await Task.WhenAll(due.Select(d => hub.Clients.Group(DeviceTopics.Machine(d.TenantId, d.DeviceId)).SendAsync(DeviceTopics.CommandsDue, stoppingToken)));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogTickFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The remote command tick failed; it runs again shortly")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
