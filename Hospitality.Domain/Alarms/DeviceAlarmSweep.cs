using Hospitality.Domain.Devices;
using Hospitality.EventStore;

namespace Hospitality.Domain.Alarms;

/// <summary>
/// The durable side of <see cref="DeviceAlarmWatch"/>: judges every machine of a tenant against its unresolved alarms, as
/// the watch does, and mends only what differs: a condition that holds without an open alarm is raised (never counted as
/// a repeat), an open alarm whose condition cleared or whose bin is gone is cleared. Above all this catches a machine that
/// went offline while its watch was lost: it never reports again, so nothing else would ever raise its alarm.
/// </summary>
public sealed class DeviceAlarmSweep(IDocumentStore store, AlarmRules rules, TimeProvider clock) : ISweep
{
    public async Task<IReadOnlyList<Repair>> FindAsync(string tenantId, CancellationToken ct)
    {
        IReadOnlyList<Device> devices;
        IReadOnlyList<Alarm> unresolved;
        await using (var session = store.QuerySession(tenantId))
        {
            // Machines before alarms: an alarm written in between is seen, and every repair carries the machine version it
            // judged, so a view the watch has moved past meanwhile changes nothing.
            devices = await session.Query<Device>().ToListAsync(ct);
            unresolved = await session.Query<Alarm>().Where(a => !a.Resolved).ToListAsync(ct);
        }
        var book = new AlarmBook(store);
        var byDevice = unresolved.ToLookup(a => a.DeviceId);
        var repairs = new List<Repair>();
        foreach (var device in devices)
        {
            var verdict = AlarmConditions.Judge(device, rules, byDevice[device.Id]);
            repairs.AddRange(verdict.Holding.Where(h => h.Open is null).Select(h => new Repair($"{h.Condition.Kind} alarm of machine {device.Id} raised",
                ct => book.EnsureRaisedAsync(h.Condition.SeenOn(tenantId, device, clock.GetUtcNow()), ct))));
            repairs.AddRange(verdict.Cleared.Select(a => new Repair($"{a.Kind} alarm {a.Id} of machine {device.Id} cleared",
                ct => book.ClearAsync(tenantId, device.Id, a.Kind, a.Subject, device.Version, clock.GetUtcNow(), ct))));
        }
        return repairs;
    }
}
