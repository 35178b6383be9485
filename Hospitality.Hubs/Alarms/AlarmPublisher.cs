using System.Text.Json;
using Hospitality.Domain.Alarms;
using Hospitality.EventStore;
using Hospitality.Hubs.Devices;
using Hospitality.Hubs.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Hospitality.Hubs.Alarms;

/// <summary>
/// Pushes an alarm once its events are committed: <c>AlarmChanged(alarm)</c> to the tenant's and the location's groups on
/// <c>/hubs/devices</c>, and to the live feed for Blazor pages on every server. Each push carries the alarm's version.
/// </summary>
public sealed partial class AlarmPublisher(Lazy<IDocumentStore> store, IHubContext<DevicesHub> hub, ILiveFeed feed, ILogger<AlarmPublisher> logger)
    : ICommitListener
{
    public Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CancellationToken ct) =>
        AfterCommitAsync(tenantId, committed, CommittedDocuments.None, ct);

    public async Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CommittedDocuments documents, CancellationToken ct)
    {
        foreach (var stream in committed.Where(s => s.Events.Any(e => e.Data is AlarmRaised or AlarmRepeated or AlarmAcknowledged or AlarmResolved or AlarmCleared)))
        {
            try
            {
                var alarm = documents.Find<Alarm>(stream.Id);
                if (alarm is null)
                {
                    await using var session = store.Value.QuerySession(tenantId);
                    alarm = await session.LoadAsync<Alarm>(stream.Id, ct);
                }
                if (alarm is null) continue;
                await Task.WhenAll(
                    hub.Clients.Groups(DeviceTopics.Fleet(tenantId), DeviceTopics.Location(tenantId, alarm.LocationId)).SendAsync(AlarmTopics.AlarmChanged, alarm, ct),
                    feed.PublishAsync(new LiveUpdate(AlarmTopics.Feed(tenantId), AlarmTopics.FeedKind, alarm.Id, alarm.Version,
                        JsonSerializer.Serialize(alarm, store.Value.Options.Json)), ct));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPushFailed(logger, e, stream.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push alarm {AlarmId} to dashboards")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, Guid alarmId);
}
