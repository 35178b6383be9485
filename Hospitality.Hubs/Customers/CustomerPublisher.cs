using Hospitality.Domain.Customers;
using Hospitality.Domain.Sessions;
using Hospitality.EventStore;
using Hospitality.Hubs.Live;
using Hospitality.Hubs.Sessions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Hospitality.Hubs.Customers;

/// <summary>
/// Tells open screens on every server that a guest changed, once the change is committed: the guest's own topic
/// (profile pages reload), and, when their name changed or was erased, the boards whose live cards show them. The
/// push carries ids and versions only; screens read the guest back through their own tenant-scoped queries, so
/// no personal data travels through Redis.
/// </summary>
public sealed partial class CustomerPublisher(
    Lazy<IDocumentStore> store, IHubContext<SessionsHub> hub, ILiveFeed feed, ILogger<CustomerPublisher> logger) : ICommitListener
{
    public static string Topic(string tenantId, string customerId) => $"tenant/{tenantId}/customers/{customerId}";

    public async Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CancellationToken ct)
    {
        foreach (var stream in committed.Where(s => s.Events.Any(e => CustomerEvents(e.Data))))
        {
            var customerId = stream.Id.ToString();
            try
            {
                await feed.PublishAsync(new LiveUpdate(Topic(tenantId, customerId), "customer", stream.Id, stream.Events[^1].Version, null), ct);
                if (stream.Events.Any(e => e.Data is CustomerDetailsChanged or CustomerErased)) await RefreshBoardsAsync(tenantId, customerId, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPushFailed(logger, e, stream.Id);
            }
        }
    }

    private async Task RefreshBoardsAsync(string tenantId, string customerId, CancellationToken ct)
    {
        await using var session = store.Value.QuerySession(tenantId);
        var locations = (await session.Query<SessionCard>().Where(c => c.CustomerId == customerId && c.Status != SessionStatus.Ended).ToListAsync(ct))
            .Select(c => c.LocationId).Distinct();
        foreach (var location in locations)
        {
            // A refetch, not a card: the card's events did not change, only the name it shows.
            await feed.PublishAsync(new LiveUpdate(SessionTopics.Board(tenantId, location), "refetch", null, 0, null), ct);
            await hub.Clients.Group(SessionTopics.Group(tenantId, location)).SendAsync(SessionTopics.Resync, ct);
        }
    }

    private static bool CustomerEvents(object data) => data is CustomerRegistered or CustomerDetailsChanged or CustomerConsentChanged
        or CustomerNoteAdded or CustomerNoteRemoved or CustomerErased or CustomerAbsorbed or CustomerMergedInto or CustomerMergeUndone;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell screens that guest {CustomerId} changed")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, Guid customerId);
}
