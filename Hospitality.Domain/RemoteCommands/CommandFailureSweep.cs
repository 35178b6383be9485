using Hospitality.Domain.Alarms;
using Hospitality.Domain.Devices;
using Hospitality.EventStore;
using Microsoft.Extensions.Options;

namespace Hospitality.Domain.RemoteCommands;

/// <summary>
/// The durable side of <see cref="CommandFailureAlarms"/>: a command that failed within <see cref="DeviceOptions.SweepWithin"/>
/// and never had its alarm gets it. One that had it is done with, even when staff resolved it since.
/// </summary>
public sealed class CommandFailureSweep(IDocumentStore store, TimeProvider clock, IOptions<DeviceOptions> options)
    : FinishedCommandSweep(store, clock, options, CommandStatus.Failed)
{
    protected override async Task<IReadOnlyList<Repair>> FindAsync(IQuerySession session, string tenantId, IReadOnlyList<RemoteCommand> failed, CancellationToken ct)
    {
        var conditions = failed.Select(CommandFailureAlarms.Condition).ToList();
        var raised = (await session.Query<Alarm>().Where(a => conditions.Contains(a.Condition)).ToListAsync(ct)).Select(a => a.Condition).ToHashSet();
        var missing = failed.Where(c => !raised.Contains(CommandFailureAlarms.Condition(c))).ToList();
        if (missing.Count == 0) return [];
        var deviceIds = missing.Select(c => c.DeviceId).Distinct().ToList();
        var devices = (await session.Query<Device>().Where(d => deviceIds.Contains(d.Id)).ToListAsync(ct)).ToDictionary(d => d.Id);
        var book = new AlarmBook(Store);
        return [.. missing.Where(c => devices.ContainsKey(c.DeviceId)).Select(c => new Repair($"alarm of failed command {c.Id} raised",
            ct => book.EnsureRaisedAsync(CommandFailureAlarms.AlarmOf(tenantId, c, devices[c.DeviceId], Clock.GetUtcNow()), ct)))];
    }
}
