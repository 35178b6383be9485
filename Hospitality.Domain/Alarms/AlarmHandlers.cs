using Hospitality.Domain.Common;
using Hospitality.Domain.Devices;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Alarms;

/// <summary>
/// Raises an alarm from outside the machine's own state, e.g. <see cref="AlarmKind.CommandFailed"/> by remote commands
/// (<paramref name="Subject"/>: the command, so each failing command is its own alarm). A repeat while open is counted.
/// </summary>
public sealed record RaiseAlarm(string TenantId, Guid DeviceId, AlarmKind Kind, string? Subject, string Message) : IRequest<Alarm>;

/// <summary>Seed 002's alarm list: <paramref name="State"/> is open, acknowledged, resolved or active (not resolved).</summary>
public sealed record ListAlarms(Actor Actor, string? State, string? Kind, Guid? DeviceId, string? LocationId, int Page, int PageSize) : IRequest<AlarmPage>;

public sealed record AlarmPage(IReadOnlyList<Alarm> Items, int Page, int PageSize, long Total);

/// <summary>Unresolved alarms per machine, for the Machines page.</summary>
public sealed record CountUnresolvedAlarms(Actor Actor, string? LocationId) : IRequest<IReadOnlyDictionary<Guid, int>>;

/// <summary>Staff (and up) saw the alarm and are on it.</summary>
public sealed record AcknowledgeAlarm(Actor Actor, Guid AlarmId) : IRequest<Alarm>;

/// <summary>Staff (and up) fixed it.</summary>
public sealed record ResolveAlarm(Actor Actor, Guid AlarmId) : IRequest<Alarm>;

public sealed class AlarmHandlers(IDocumentStore store, TimeProvider clock) :
    IRequestHandler<RaiseAlarm, Alarm>, IRequestHandler<ListAlarms, AlarmPage>, IRequestHandler<CountUnresolvedAlarms, IReadOnlyDictionary<Guid, int>>,
    IRequestHandler<AcknowledgeAlarm, Alarm>, IRequestHandler<ResolveAlarm, Alarm>
{
    public const int MaxCounted = 1000;

    public async Task<Alarm> Handle(RaiseAlarm request, CancellationToken ct)
    {
        var book = new AlarmBook(store);
        var device = await book.DeviceAsync(request.TenantId, request.DeviceId, ct) ?? throw DomainException.NotFound($"Machine {request.DeviceId} does not exist.");
        var condition = new SeeCondition(new AlarmSource(request.TenantId, device.Id, device.Name, device.LocationId), request.Kind,
            request.Subject?.Trim() ?? "", request.Message, null, clock.GetUtcNow());
        return await book.SeeAsync(condition, ct) ?? throw new InvalidOperationException("A raised alarm was not found.");
    }

    public async Task<AlarmPage> Handle(ListAlarms request, CancellationToken ct)
    {
        var (actor, state, kind, deviceId, locationId, page, pageSize) = request;
        if (actor.LocationId is not null && locationId is not null && locationId != actor.LocationId) return new AlarmPage([], page, pageSize, 0);
        await using var session = store.QuerySession(actor.TenantId);
        var query = session.Query<Alarm>();
        if ((actor.LocationId ?? locationId) is { } here) query = query.Where(a => a.LocationId == here);
        if (deviceId is { } device) query = query.Where(a => a.DeviceId == device);
        if (!string.IsNullOrWhiteSpace(kind))
        {
            var k = EnumNames.Parse<AlarmKind>(kind, "kind");
            query = query.Where(a => a.Kind == k);
        }
        switch (state?.Trim().ToLowerInvariant())
        {
            case null or "" or "all": break;
            case "active": query = query.Where(a => !a.Resolved); break;
            default:
                var s = EnumNames.Parse<AlarmState>(state, "state");
                query = query.Where(a => a.State == s);
                break;
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(a => a.Resolved).OrderByDescending(a => a.LastSeenAt).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new AlarmPage(items, page, pageSize, total);
    }

    public async Task<IReadOnlyDictionary<Guid, int>> Handle(CountUnresolvedAlarms request, CancellationToken ct)
    {
        var unresolved = await Handle(new ListAlarms(request.Actor, "active", null, null, request.LocationId, 1, MaxCounted), ct);
        return unresolved.Items.GroupBy(a => a.DeviceId).ToDictionary(g => g.Key, g => g.Count());
    }

    public Task<Alarm> Handle(AcknowledgeAlarm request, CancellationToken ct) =>
        ChangeAsync(request.Actor, request.AlarmId, a => AlarmDecisions.Acknowledge(a, request.Actor.Name, clock.GetUtcNow()), ct);

    public Task<Alarm> Handle(ResolveAlarm request, CancellationToken ct) =>
        ChangeAsync(request.Actor, request.AlarmId, a => AlarmDecisions.Resolve(a, request.Actor.Name, clock.GetUtcNow()), ct);

    /// <summary>Decides on the alarm as stored, again when the watch or a colleague changed it meanwhile.</summary>
    private async Task<Alarm> ChangeAsync(Actor actor, Guid alarmId, Func<Alarm, object[]> decide, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.Writing(actor.TenantId, actor.Name);
            var alarm = await session.LoadAsync<Alarm>(alarmId, ct);
            if (alarm is null || !actor.CanReach(alarm.LocationId)) throw DomainException.NotFound($"Alarm {alarmId} does not exist.");
            var events = decide(alarm);
            if (events.Length == 0) return alarm;
            session.Events.Append(alarmId, alarm.Version, events);
            try
            {
                await session.SaveChangesAsync(ct);
                return session.LastCommitted.Find<Alarm>(alarmId)!;
            }
            catch (ConcurrencyException) when (attempt < 5)
            {
            }
        }
    }
}
