using Hospitality.Domain.MachineOrders;
using Hospitality.EventStore;
using Hospitality.Hubs.Live;
using Microsoft.Extensions.Logging;

namespace Hospitality.Hubs.MachineOrders;

/// <summary>
/// Tells Blazor pages on every server that a machine sale was recorded or refunded, once committed. The push names the sale and
/// its version; pages read what they show back through their own tenant-scoped query.
/// </summary>
public sealed partial class MachineOrderPublisher(ILiveFeed feed, ILogger<MachineOrderPublisher> logger) : ICommitListener
{
    /// <summary>The live-feed topic of a tenant's machine sales.</summary>
    public static string Topic(string tenantId) => $"tenant/{tenantId}/machine-orders";

    public const string FeedKind = "machine-order";

    public Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CancellationToken ct) =>
        AfterCommitAsync(tenantId, committed, CommittedDocuments.None, ct);

    public async Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CommittedDocuments documents, CancellationToken ct)
    {
        foreach (var stream in committed.Where(s => s.Events.Any(e => e.Data is MachineOrderPlaced or MachineOrderRefunded)))
        {
            try
            {
                await feed.PublishAsync(new LiveUpdate(Topic(tenantId), FeedKind, stream.Id, stream.Events[^1].Version, null), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPushFailed(logger, e, stream.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell pages that machine sale {OrderId} changed")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, Guid orderId);
}
