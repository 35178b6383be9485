using Hospitality.Domain.RemoteCommands;
using Hospitality.Hubs.Devices;
using Hospitality.Web.Infrastructure;
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
public sealed class CommandDispatcher(IServiceScopeFactory scopes, IHubContext<DevicesHub> hub, IOptions<CommandTiming> timing,
    ILogger<CommandDispatcher> logger) : PeriodicWork(scopes, logger)
{
    protected override TimeSpan Every => timing.Value.DispatchEvery;

    protected override async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var due = await services.GetRequiredService<IMediator>().Send(new TickCommands(), ct);
        await Task.WhenAll(due.Select(d => hub.Clients.Group(DeviceTopics.Machine(d.TenantId, d.DeviceId)).SendAsync(DeviceTopics.CommandsDue, ct)));
    }
}
