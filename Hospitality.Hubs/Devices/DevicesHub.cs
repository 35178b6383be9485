using Hospitality.Domain;
using Hospitality.Domain.Devices;
using Hospitality.Domain.RemoteCommands;
using Hospitality.Domain.Tenancy;
using MediatR;
using Microsoft.AspNetCore.SignalR;

namespace Hospitality.Hubs.Devices;

/// <summary>
/// <c>/hubs/devices</c>, for two kinds of callers. Dashboards (staff or display tokens): <c>Subscribe(locationId)</c> (null:
/// every location the caller reaches) returns the machines as they are, then every change arrives as
/// <c>DeviceChanged(device)</c> and <c>CommandChanged(command)</c>; keep the higher <c>version</c>. Machines (device token):
/// on <c>CommandsDue</c>, and when they connect, call <c>TakeCommands()</c>, then <c>Acknowledge(id)</c> each command at
/// once and <c>Complete(id, success, message)</c> when done. Only an acknowledgement makes a command delivered.
/// Authorization is applied where the hub is mapped.
/// </summary>
public sealed class DevicesHub(IMediator mediator, Hospitality.EventStore.IDocumentStore store) : Hub
{
    public const int MaxMachines = 1000;

    public override async Task OnConnectedAsync()
    {
        if (DeviceClaims.CallerOf(Context.User) is { } machine)
            await Groups.AddToGroupAsync(Context.ConnectionId, DeviceTopics.Machine(machine.TenantId, machine.DeviceId));
    }

    public async Task<IReadOnlyList<DeviceView>> Subscribe(string? locationId)
    {
        if (DeviceClaims.CallerOf(Context.User) is not null) throw new HubException("A machine takes its commands; it does not watch the fleet.");
        var actor = HubActor.From(Context);
        var where = actor.LocationId ?? locationId;
        if (actor.LocationId is not null && locationId is not null && locationId != actor.LocationId)
            throw new HubException($"Location {locationId} does not exist.");
        return await Run(async () =>
        {
            // Join first, then read: a change committed after the read arrives as a push, never falls in between.
            if (where is not null) await mediator.Send(new FindLocation(actor, where));
            await Groups.AddToGroupAsync(Context.ConnectionId, where is null ? DeviceTopics.Fleet(actor.TenantId) : DeviceTopics.Location(actor.TenantId, where));
            return (await mediator.Send(new ListDevices(actor, null, null, null, where, 1, MaxMachines))).Items;
        });
    }

    /// <summary>A machine takes the commands waiting for it; each is sent now (attempt counted) and must be acknowledged.</summary>
    public async Task<IReadOnlyList<RemoteCommand>> TakeCommands()
    {
        var machine = await MachineAsync();
        return await Run(() => mediator.Send(new TakeDueCommands(machine, "hub")));
    }

    public async Task<RemoteCommand> Acknowledge(Guid commandId)
    {
        var machine = await MachineAsync();
        return await Run(() => mediator.Send(new AcknowledgeCommand(machine, commandId)));
    }

    public async Task<RemoteCommand> Complete(Guid commandId, bool success, string? message)
    {
        var machine = await MachineAsync();
        return await Run(() => mediator.Send(new CompleteCommand(machine, commandId, success, message)));
    }

    /// <summary>
    /// The machine behind this connection, if the token it connected with is still its token: a replaced or revoked token
    /// stops working on an open connection at its next call (the connection itself ends when its sign-in runs out), not only
    /// at the next sign-in.
    /// </summary>
    private async Task<DeviceCaller> MachineAsync()
    {
        var machine = DeviceClaims.CallerOf(Context.User) ?? throw new HubException("Only a machine, with its device token, takes commands.");
        await using var session = store.QuerySession(machine.TenantId);
        var device = await session.LoadAsync<Device>(machine.DeviceId, Context.ConnectionAborted);
        if (device?.TokenHash is null || device.TokenHash != Context.User!.FindFirst(DeviceClaims.TokenHash)?.Value)
            throw new HubException("This device token was replaced or revoked.");
        return machine;
    }

    private static async Task<T> Run<T>(Func<Task<T>> send)
    {
        try { return await send(); }
        catch (DomainException e) { throw new HubException(e.Message); }
    }
}
