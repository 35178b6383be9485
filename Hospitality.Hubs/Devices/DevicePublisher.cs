using System.Text.Json;
using Hospitality.Domain.Devices;
using Hospitality.EventStore;
using Hospitality.Hubs.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Hospitality.Hubs.Devices;

/// <summary>
/// Pushes a machine's state once its events are committed: to the tenant's and the location's groups on
/// <c>/hubs/devices</c>, and to the live feed for Blazor pages on every server. Each push carries the machine's version,
/// so a dashboard keeps the newest and refetches after a gap.
/// </summary>
public sealed class DevicePublisher(Lazy<IDocumentStore> store, IHubContext<DevicesHub> hub, ILiveFeed feed, ILogger<DevicePublisher> logger)
    : SnapshotPublisher<Device>(store, logger, typeof(DeviceRegistered), typeof(DeviceTokenChanged), typeof(DeviceStatusReported),
        typeof(DeviceWentOffline), typeof(DeviceCameOnline), typeof(DeviceRestarted), typeof(DeviceBinConfigured), typeof(DeviceBinRemoved))
{
    protected override Task PushAsync(string tenantId, Device device, StreamAction stream, CancellationToken ct)
    {
        var view = DeviceView.Of(device);
        return Task.WhenAll(
            hub.Clients.Groups(DeviceTopics.Fleet(tenantId), DeviceTopics.Location(tenantId, view.LocationId)).SendAsync(DeviceTopics.DeviceChanged, view, ct),
            feed.PublishAsync(new LiveUpdate(DeviceTopics.Feed(tenantId), DeviceTopics.FeedKind, view.Id, view.Version,
                JsonSerializer.Serialize(view, Store.Options.Json)), ct));
    }
}
