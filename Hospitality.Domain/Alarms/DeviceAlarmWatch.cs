using Hospitality.Domain.Devices;
using Hospitality.EventStore;
using Microsoft.Extensions.Logging;

namespace Hospitality.Domain.Alarms;

/// <summary>
/// Raises, counts and clears a machine's alarms after its events commit (a process manager on the commit listener). It
/// runs on the server that committed, judges the machine's state rather than single events, and every write carries the
/// machine version it judged, so running twice, on two servers, or out of order, changes nothing twice.
/// </summary>
public sealed partial class DeviceAlarmWatch(Lazy<IDocumentStore> store, AlarmRules rules, TimeProvider clock, ILogger<DeviceAlarmWatch> logger)
    : ICommitListener
{
    private const int Rounds = 3;

    public Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CancellationToken ct) =>
        AfterCommitAsync(tenantId, committed, CommittedDocuments.None, ct);

    public async Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CommittedDocuments documents, CancellationToken ct)
    {
        foreach (var stream in committed.Where(s => s.Events.Any(e => e.Data is DeviceStatusReported { Late: false } or DeviceWentOffline
                     or DeviceCameOnline or DeviceBinConfigured or DeviceBinRemoved)))
        {
            try
            {
                await WatchAsync(tenantId, stream.Id, documents.Find<Device>(stream.Id), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The machine's next report judges it again.
                LogWatchFailed(logger, e, stream.Id);
            }
        }
    }

    /// <summary>
    /// Settles the alarms on the machine as committed, then again if it moved on meanwhile: a newer state judged on another
    /// server before these alarms were written would otherwise leave one open that no longer holds.
    /// </summary>
    private async Task WatchAsync(string tenantId, Guid deviceId, Device? device, CancellationToken ct)
    {
        var book = new AlarmBook(store.Value);
        device ??= await book.DeviceAsync(tenantId, deviceId, ct);
        for (var round = 0; device is not null && round < Rounds; round++)
        {
            await SettleAsync(book, tenantId, device, ct);
            var now = await book.DeviceAsync(tenantId, deviceId, ct);
            if (now is null || now.Version <= device.Version) return;
            device = now;
        }
    }

    private async Task SettleAsync(AlarmBook book, string tenantId, Device device, CancellationToken ct)
    {
        var verdict = AlarmConditions.Judge(device, rules, await book.UnresolvedAsync(tenantId, device.Id, ct));
        foreach (var (condition, _) in verdict.Holding)
            await book.SeeAsync(condition.SeenOn(tenantId, device, clock.GetUtcNow()), ct);
        foreach (var alarm in verdict.Cleared)
            await book.ClearAsync(tenantId, device.Id, alarm.Kind, alarm.Subject, device.Version, clock.GetUtcNow(), ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not settle the alarms of machine {DeviceId}; its next report tries again")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception, Guid deviceId);
}
