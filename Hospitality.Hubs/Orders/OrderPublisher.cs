using Hospitality.Domain.Orders;
using Hospitality.EventStore;
using Hospitality.Hubs.Live;
using Microsoft.Extensions.Logging;

namespace Hospitality.Hubs.Orders;

/// <summary>
/// Tells the staff orders boards of a location, on every server, that an order changed, once the change is committed.
/// The push names the order and its version; boards read it back through their own tenant-scoped query.
/// </summary>
public sealed partial class OrderPublisher(ILiveFeed feed, ILogger<OrderPublisher> logger) : ICommitListener
{
    public static string Topic(string tenantId, string locationId) => $"tenant/{tenantId}/location/{locationId}/orders";

    public Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CancellationToken ct) =>
        AfterCommitAsync(tenantId, committed, CommittedDocuments.None, ct);

    public async Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CommittedDocuments documents, CancellationToken ct)
    {
        foreach (var stream in committed.Where(s => s.Events.Any(e => e.Data is OrderPlaced or OrderAdvanced or OrderCancelled)))
        {
            var order = documents.Find<Order>(stream.Id);
            var location = order?.LocationId ?? stream.Events.Select(e => e.Data).OfType<OrderPlaced>().FirstOrDefault()?.LocationId;
            if (location is null) continue;   // not written by this commit and not placed in it: boards catch up on their next read
            try
            {
                await feed.PublishAsync(new LiveUpdate(Topic(tenantId, location), "order", stream.Id, stream.Events[^1].Version, null), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPushFailed(logger, e, stream.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell orders boards that order {OrderId} changed")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, Guid orderId);
}
