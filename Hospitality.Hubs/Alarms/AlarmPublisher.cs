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
public sealed class AlarmPublisher(Lazy<IDocumentStore> store, IHubContext<DevicesHub> hub, ILiveFeed feed, ILogger<AlarmPublisher> logger)
    : SnapshotPublisher<Alarm>(store, logger, typeof(AlarmRaised), typeof(AlarmRepeated), typeof(AlarmAcknowledged), typeof(AlarmResolved), typeof(AlarmCleared))
{
    protected override Task PushAsync(string tenantId, Alarm alarm, StreamAction stream, CancellationToken ct) => Task.WhenAll(
        hub.Clients.Groups(DeviceTopics.Fleet(tenantId), DeviceTopics.Location(tenantId, alarm.LocationId)).SendAsync(AlarmTopics.AlarmChanged, alarm, ct),
        feed.PublishAsync(new LiveUpdate(AlarmTopics.Feed(tenantId), AlarmTopics.FeedKind, alarm.Id, alarm.Version,
            JsonSerializer.Serialize(alarm, Store.Options.Json)), ct));
}
