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
public sealed partial class DevicePublisher(Lazy<IDocumentStore> store, IHubContext<DevicesHub> hub, ILiveFeed feed, ILogger<DevicePublisher> logger)
    : ICommitListener
{
    public Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CancellationToken ct) =>
        AfterCommitAsync(tenantId, committed, CommittedDocuments.None, ct);

    public async Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CommittedDocuments documents, CancellationToken ct)
    {
        foreach (var stream in committed.Where(s => s.Events.Any(e => e.Data is DeviceRegistered or DeviceTokenChanged or DeviceStatusReported
                     or DeviceWentOffline or DeviceCameOnline or DeviceBinConfigured or DeviceBinRemoved)))
        {
            try
            {
                var device = documents.Find<Device>(stream.Id);
                if (device is null)
                {
                    await using var session = store.Value.QuerySession(tenantId);
                    device = await session.LoadAsync<Device>(stream.Id, ct);
                }
                if (device is null) continue;
                var view = DeviceView.Of(device);
                await Task.WhenAll(
                    hub.Clients.Groups(DeviceTopics.Fleet(tenantId), DeviceTopics.Location(tenantId, view.LocationId)).SendAsync(DeviceTopics.DeviceChanged, view, ct),
                    feed.PublishAsync(new LiveUpdate(DeviceTopics.Feed(tenantId), DeviceTopics.FeedKind, view.Id, view.Version,
                        JsonSerializer.Serialize(view, store.Value.Options.Json)), ct));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPushFailed(logger, e, stream.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push machine {DeviceId} to dashboards")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, Guid deviceId);
}
