using Hospitality.Domain.Common;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Devices;

/// <summary>A machine speaking for itself, as its token names it.</summary>
public sealed record DeviceCaller(string TenantId, Guid DeviceId);

/// <summary>Seed 002's POST /devices/register, by a manager: the machine and its token, shown this once.</summary>
public sealed record RegisterDeviceRequest(Actor Actor, string? LocationId, string? Name, string? Model, string? SerialNumber) : IRequest<DeviceWithToken>;

/// <summary>Replaces a machine's token (<paramref name="Revoke"/> false: the new one is in the answer) or revokes it.</summary>
public sealed record ChangeDeviceTokenRequest(Actor Actor, Guid DeviceId, bool Revoke) : IRequest<DeviceWithToken>;

public sealed record DeviceWithToken(DeviceView Device, string? Token);

/// <summary>Seed 002's POST /devices/{id}/status, from the machine; <paramref name="BootId"/> when the machine names its boot.</summary>
public sealed record ReportDeviceStatus(DeviceCaller Device, long Sequence, DeviceState State, double? TemperatureC, Connectivity? Connectivity,
    string? Firmware, IReadOnlyList<BinLevel> Bins, DateTimeOffset? ReportedAt, string? BootId = null) : IRequest<StatusAccepted>;

public sealed record StatusAccepted(ReportOutcome Outcome, DeviceView Device);

/// <summary>Seed 002's GET /devices: <paramref name="Status"/> is online, offline, or a state (idle, brewing, error...).</summary>
public sealed record ListDevices(Actor Actor, string? Query, string? Model, string? Status, string? LocationId, int Page, int PageSize) : IRequest<DevicePage>;

public sealed record DevicePage(IReadOnlyList<DeviceView> Items, int Page, int PageSize, long Total);

/// <summary>Seed 002's GET /devices/{id}/summary.</summary>
public sealed record GetDevice(Actor Actor, Guid DeviceId) : IRequest<DeviceView>;

/// <summary>Marks machines offline that missed their heartbeats, in every tenant with machines; answers how many went offline.</summary>
public sealed record CheckDeviceHeartbeats(TimeSpan OfflineAfter) : IRequest<int>;

/// <summary>A tenant that has machines, kept in the system tenant so the heartbeat check and the fleet sweep know where to look.</summary>
public sealed record FleetTenant(string Id)
{
    /// <summary>The ids of every tenant with machines.</summary>
    public static async Task<IReadOnlyList<string>> AllAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var system = store.QuerySession(TenancyStore.SystemTenant);
        return [.. (await system.Query<FleetTenant>().ToListAsync(ct)).Select(t => t.Id)];
    }
}

public sealed partial class DeviceHandlers(IDocumentStore store, TimeProvider clock) :
    IRequestHandler<RegisterDeviceRequest, DeviceWithToken>, IRequestHandler<ChangeDeviceTokenRequest, DeviceWithToken>,
    IRequestHandler<ReportDeviceStatus, StatusAccepted>, IRequestHandler<ListDevices, DevicePage>, IRequestHandler<GetDevice, DeviceView>,
    IRequestHandler<CheckDeviceHeartbeats, int>
{
    public async Task<DeviceWithToken> Handle(RegisterDeviceRequest request, CancellationToken ct)
    {
        var actor = request.Actor;
        if (string.IsNullOrWhiteSpace(request.LocationId)) throw DomainException.Invalid("'location_id' is required: the location the machine stands at.");
        if (!actor.CanReach(request.LocationId)) throw DomainException.NotFound($"Location {request.LocationId} does not exist.");
        var id = Guid.NewGuid();
        var token = new DisplayTokenSecret(actor.TenantId, id.ToString("N"), DisplayTokenSecret.New(actor.TenantId).Secret);
        await using var session = Open(actor.TenantId, actor.Name);
        var location = await Locations.RequireAsync(session, request.LocationId, ct);
        var events = DeviceDecisions.Decide(null, new RegisterDevice(id, location.Id, request.Name, request.Model, request.SerialNumber,
            DisplayTokenSecret.Hash(token.Secret), actor.Name, clock.GetUtcNow()));
        await using (var system = store.LightweightSession(TenancyStore.SystemTenant))
        {
            system.Store(new FleetTenant(actor.TenantId));   // before the machine, so the heartbeat check never misses it
            await system.SaveChangesAsync(ct);
        }
        session.Events.StartStream<Device>(id, events);
        await session.SaveChangesAsync(ct);
        return new DeviceWithToken(DeviceView.Of(session.LastCommitted.Find<Device>(id)!), token.ToString());
    }

    public async Task<DeviceWithToken> Handle(ChangeDeviceTokenRequest request, CancellationToken ct)
    {
        var token = request.Revoke ? null : new DisplayTokenSecret(request.Actor.TenantId, request.DeviceId.ToString("N"), DisplayTokenSecret.New(request.Actor.TenantId).Secret);
        var device = await ChangeAsync(request.Actor.TenantId, request.Actor.Name, request.DeviceId, request.Actor,
            d => DeviceDecisions.Decide(d, new ChangeDeviceToken(token is null ? null : DisplayTokenSecret.Hash(token.Secret), request.Actor.Name, clock.GetUtcNow())), ct);
        return new DeviceWithToken(DeviceView.Of(device), token?.ToString());
    }

    public async Task<StatusAccepted> Handle(ReportDeviceStatus request, CancellationToken ct)
    {
        var outcome = ReportOutcome.Applied;
        var now = clock.GetUtcNow();
        var device = await ChangeAsync(request.Device.TenantId, $"device:{request.Device.DeviceId:N}", request.Device.DeviceId, null, d =>
        {
            var (o, events) = DeviceDecisions.Report(d, new ReportStatus(request.Sequence, request.State, request.TemperatureC, request.Connectivity,
                request.Firmware, request.Bins, request.ReportedAt ?? now, now, request.BootId));
            outcome = o;
            return events;
        }, ct);
        return new StatusAccepted(outcome, DeviceView.Of(device));
    }

    public async Task<DevicePage> Handle(ListDevices request, CancellationToken ct)
    {
        var (actor, text, model, status, locationId, page, pageSize) = request;
        await using var session = store.QuerySession(actor.TenantId);
        var query = session.Query<Device>();
        var here = actor.LocationId ?? locationId;
        if (actor.LocationId is not null && locationId is not null && locationId != actor.LocationId) return new DevicePage([], page, pageSize, 0);
        if (here is not null) query = query.Where(d => d.LocationId == here);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var search = text.Trim().ToLowerInvariant();
            query = query.Where(d => d.Search.Contains(search));
        }
        if (!string.IsNullOrWhiteSpace(model))
        {
            var m = model.Trim();
            query = query.Where(d => d.Model == m);
        }
        switch (status?.Trim().ToLowerInvariant())
        {
            case null or "": break;
            case "online": query = query.Where(d => d.Online); break;
            case "offline": query = query.Where(d => !d.Online); break;
            default:
                var state = EnumNames.Parse<DeviceState>(status, "status");
                query = query.Where(d => d.Online && d.State == state);
                break;
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(d => d.Name).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new DevicePage([.. items.Select(DeviceView.Of)], page, pageSize, total);
    }

    public async Task<DeviceView> Handle(GetDevice request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        return DeviceView.Of(await Visible(session, request.Actor, request.DeviceId, ct));
    }

    public async Task<int> Handle(CheckDeviceHeartbeats request, CancellationToken ct)
    {
        var offline = 0;
        foreach (var tenant in await FleetTenant.AllAsync(store, ct))
        {
            var cutoff = clock.GetUtcNow() - request.OfflineAfter;
            IReadOnlyList<Device> silent;
            await using (var query = store.QuerySession(tenant))
                silent = await query.Query<Device>().Where(d => d.Online && d.LastSeenAt < cutoff).ToListAsync(ct);
            foreach (var device in silent)
            {
                await using var session = Open(tenant, "heartbeat check");
                var events = DeviceDecisions.Decide(device, new CheckHeartbeat(request.OfflineAfter, clock.GetUtcNow()));
                if (events.Length == 0) continue;
                session.Events.Append(device.Id, device.Version, events);
                try
                {
                    await session.SaveChangesAsync(ct);
                    offline++;
                }
                catch (ConcurrencyException)
                {
                    // A report arrived meanwhile, or another server marked it first: either way, nothing to do.
                }
            }
        }
        return offline;
    }

    /// <summary>Loads, decides and commits, deciding again when a concurrent report got in first (reports come fast).</summary>
    private async Task<Device> ChangeAsync(string tenantId, string by, Guid deviceId, Actor? actor, Func<Device, object[]> decide, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = Open(tenantId, by);
            var device = actor is null
                ? await session.LoadAsync<Device>(deviceId, ct) ?? throw DomainException.NotFound($"Machine {deviceId} does not exist.")
                : await Visible(session, actor, deviceId, ct);
            var events = decide(device);
            if (events.Length == 0) return device;
            session.Events.Append(deviceId, device.Version, events);
            try
            {
                await session.SaveChangesAsync(ct);
                return session.LastCommitted.Find<Device>(deviceId)!;
            }
            catch (ConcurrencyException) when (attempt < 5)
            {
            }
            catch (ConcurrencyException)
            {
                throw DomainException.Conflict("The machine was changed by someone else at the same moment; try again.");
            }
        }
    }

    /// <summary>A machine at a location the actor reaches; any other is reported as missing.</summary>
    private static async Task<Device> Visible(IQuerySession session, Actor actor, Guid deviceId, CancellationToken ct)
    {
        var device = await session.LoadAsync<Device>(deviceId, ct);
        if (device is null || !actor.CanReach(device.LocationId)) throw DomainException.NotFound($"Machine {deviceId} does not exist.");
        return device;
    }

    private IDocumentSession Open(string tenantId, string by) => store.Writing(tenantId, by);
}
