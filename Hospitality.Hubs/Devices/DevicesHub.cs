using Hospitality.Domain;
using Hospitality.Domain.Devices;
using Hospitality.Domain.Tenancy;
using MediatR;
using Microsoft.AspNetCore.SignalR;

namespace Hospitality.Hubs.Devices;

/// <summary>
/// <c>/hubs/devices</c>: machine status for dashboards outside the Blazor UI. <c>Subscribe(locationId)</c> (null: every
/// location the caller reaches) returns the machines as they are, then every change arrives as <c>DeviceChanged(device)</c>;
/// a client keeps the higher <c>version</c> of each machine. Authorization is applied where the hub is mapped.
/// </summary>
public sealed class DevicesHub(IMediator mediator) : Hub
{
    public const int MaxMachines = 1000;

    public async Task<IReadOnlyList<DeviceView>> Subscribe(string? locationId)
    {
        var actor = HubActor.From(Context);
        var where = actor.LocationId ?? locationId;
        if (actor.LocationId is not null && locationId is not null && locationId != actor.LocationId)
            throw new HubException($"Location {locationId} does not exist.");
        try
        {
            // Join first, then read: a change committed after the read arrives as a push, never falls in between.
            if (where is not null) await mediator.Send(new FindLocation(actor, where));
            await Groups.AddToGroupAsync(Context.ConnectionId, where is null ? DeviceTopics.Fleet(actor.TenantId) : DeviceTopics.Location(actor.TenantId, where));
            return (await mediator.Send(new ListDevices(actor, null, null, null, where, 1, MaxMachines))).Items;
        }
        catch (DomainException e)
        {
            throw new HubException(e.Message);
        }
    }
}
