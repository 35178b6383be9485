using Hospitality.Domain.Common;
using Hospitality.Domain.Devices;
using Hospitality.EventStore;

namespace Hospitality.Domain.Alarms;

/// <summary>
/// Writes alarms: finds a condition's latest occurrence, decides, and commits with the stream's expected version. A
/// conflict (another server raised or changed the same alarm first) is decided again on the fresh state, which is what
/// turns two concurrent raises into one alarm seen twice.
/// </summary>
public sealed class AlarmBook(IDocumentStore store)
{
    private const int Attempts = 10;

    public async Task<Alarm?> SeeAsync(SeeCondition condition, CancellationToken ct)
    {
        var key = AlarmStreams.Condition(condition.Source.DeviceId, condition.Kind, condition.Subject);
        return (await DecideAsync(condition.Source.TenantId, key, latest => AlarmDecisions.See(latest, condition), ct)).Latest;
    }

    /// <summary>Raises the condition's alarm unless it has one already (<see cref="AlarmDecisions.EnsureRaised"/>); true when this call raised it.</summary>
    public async Task<bool> EnsureRaisedAsync(SeeCondition condition, CancellationToken ct)
    {
        var key = AlarmStreams.Condition(condition.Source.DeviceId, condition.Kind, condition.Subject);
        return (await DecideAsync(condition.Source.TenantId, key, latest => AlarmDecisions.EnsureRaised(latest, condition), ct)).Changed;
    }

    /// <summary>Resolves the condition's open alarm, as its condition cleared at <paramref name="deviceVersion"/>; true when this call resolved it.</summary>
    public async Task<bool> ClearAsync(string tenantId, Guid deviceId, AlarmKind kind, string subject, long deviceVersion, DateTimeOffset at, CancellationToken ct) =>
        (await DecideAsync(tenantId, AlarmStreams.Condition(deviceId, kind, subject),
            latest => AlarmDecisions.Clear(latest, AlarmConditions.ClearedBecause(kind), deviceVersion, at), ct)).Changed;

    /// <summary>The machine's unresolved alarms.</summary>
    public async Task<IReadOnlyList<Alarm>> UnresolvedAsync(string tenantId, Guid deviceId, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenantId);
        return await session.Query<Alarm>().Where(a => a.DeviceId == deviceId && !a.Resolved).ToListAsync(ct);
    }

    public async Task<Device?> DeviceAsync(string tenantId, Guid deviceId, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenantId);
        return await session.LoadAsync<Device>(deviceId, ct);
    }

    /// <returns>The condition's latest occurrence after the decision, and whether this call wrote anything.</returns>
    private async Task<(Alarm? Latest, bool Changed)> DecideAsync(string tenantId, string key, Func<Alarm?, object[]> decide, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.Writing(tenantId, "alarms");
            var latest = await session.Query<Alarm>().Where(a => a.Condition == key).OrderByDescending(a => a.Occurrence).FirstOrDefaultAsync(ct);
            var events = decide(latest);
            if (events.Length == 0) return (latest, false);
            Guid id;
            if (events[0] is AlarmRaised raised) session.Events.StartStream<Alarm>(id = raised.AlarmId, events);
            else session.Events.Append(id = latest!.Id, latest.Version, events);
            try
            {
                await session.SaveChangesAsync(ct);
                return (session.LastCommitted.Find<Alarm>(id), true);
            }
            catch (ConcurrencyException) when (attempt < Attempts)
            {
                // Another server got there first: decide again on what it wrote, after a jittered pause so a burst of
                // raises of one condition (a batch of failing commands) does not keep colliding in step.
                await CommitRetry.PauseAsync(attempt, ct);
            }
            catch (ConcurrencyException)
            {
                throw DomainException.Conflict("The alarm was changed by others at the same moment too often; try again.");
            }
        }
    }
}
