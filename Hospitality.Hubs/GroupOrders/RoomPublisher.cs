using System.Text.Json;
using Hospitality.Domain;
using Hospitality.Domain.Common;
using Hospitality.Domain.GroupOrders;
using Hospitality.EventStore;
using Hospitality.Hubs.Live;
using MediatR;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hospitality.Hubs.GroupOrders;

/// <summary>
/// Pushes a room's changes once they are committed, in the seed's message format: to the room's hub group (phones on
/// <c>/hubs/group-orders</c>) and to the live feed (the phone page and the seed's socket, on every server). A push that
/// cannot be delivered is logged; the commit stands, and clients catch up with <c>sync</c>. A room opened or finalized is also
/// told on the tenant's <see cref="RoomTopics.Openings"/> topic, for the managers' dashboard.
/// </summary>
public sealed partial class RoomPublisher(IServiceProvider services, IHubContext<GroupOrdersHub> hub, ILiveFeed feed, ILogger<RoomPublisher> logger)
    : ICommitListener
{
    public Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CancellationToken ct) =>
        AfterCommitAsync(tenantId, committed, CommittedDocuments.None, ct);

    public async Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CommittedDocuments documents, CancellationToken ct)
    {
        foreach (var circle in committed.Where(s => s.Events.Any(e => e.Data is Domain.Circles.CircleMemberRemoved)))
        {
            try
            {
                await CircleChangedAsync(tenantId, circle.Id, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPushFailed(logger, e, circle.Id);
            }
        }

        foreach (var stream in committed.Where(s => s.Events.Any(e => e.Data is RoomOpened or ParticipantJoined or ParticipantLeft
                     or ItemAdded or ItemRemoved or QuantityUpdated or SplitChosen or RoomLimitsSet or RoomTipSet or RoomFinalized
                     or InviteIssued or InviteRevoked)))
        {
            try
            {
                if (stream.Events.Any(e => e.Data is RoomOpened or RoomFinalized))
                    await feed.PublishAsync(new LiveUpdate(RoomTopics.Openings(tenantId), RoomTopics.OpeningKind, stream.Id, stream.Events[^1].Version, null), ct);
                var state = await StateAsync(tenantId, stream.Id, ct);
                await PushAsync(tenantId, stream.Id, RoomMessages.For([.. stream.Events.Select(e => (e.Data, e.Version))], state), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPushFailed(logger, e, stream.Id);
            }
        }
    }

    /// <summary>
    /// A member removed from a circle: every open room of that circle gets the room as it now is, so each server closes the
    /// connections of the guest who is no longer a member (<see cref="RoomPresenceTracker"/>).
    /// </summary>
    private async Task CircleChangedAsync(string tenantId, Guid circleId, CancellationToken ct)
    {
        IReadOnlyList<GroupRoom> rooms;
        await using (var scope = services.CreateAsyncScope())
        await using (var session = scope.ServiceProvider.GetRequiredService<IDocumentStore>().QuerySession(tenantId))
            rooms = await session.Query<GroupRoom>().Where(r => r.CircleId == circleId && !r.Finalized).ToListAsync(ct);
        foreach (var room in rooms)
        {
            var state = await StateAsync(tenantId, room.Id, ct);
            await PushAsync(tenantId, room.Id, [RoomMessages.Whole(RoomMessages.Sync, state, null)], ct);
        }
    }

    /// <summary>Tells the room who has it open now (after a phone connected or left).</summary>
    public async Task PresenceChangedAsync(string tenantId, Guid roomId, CancellationToken ct = default)
    {
        try
        {
            var state = await StateAsync(tenantId, roomId, ct);
            await PushAsync(tenantId, roomId, [RoomMessages.Whole(RoomMessages.Presence, state,
                new { present = state.People.Where(p => p.Present).Select(p => p.CustomerId) })], ct);
        }
        catch (Exception e) when (e is not (OperationCanceledException or DomainException))
        {
            LogPushFailed(logger, e, roomId);
        }
    }

    private async Task<RoomView> StateAsync(string tenantId, Guid roomId, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetRoom(new Actor(tenantId, "room"), roomId), ct);
    }

    private async Task PushAsync(string tenantId, Guid roomId, IReadOnlyList<RoomMessage> messages, CancellationToken ct)
    {
        var group = hub.Clients.Group(RoomTopics.Group(tenantId, roomId));
        // Every hub send and the feed's publish are issued before any is awaited; each channel keeps its order.
        var sends = messages.Select(m => group.SendAsync(m.Type, m, ct)).ToList();
        sends.Add(feed.PublishAsync(new LiveUpdate(RoomTopics.Feed(tenantId, roomId), RoomTopics.FeedKind, roomId, messages[^1].Version,
            JsonSerializer.Serialize(messages, RoomMessages.Json)), ct));
        await Task.WhenAll(sends);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push a change of order room {RoomId}")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, Guid roomId);
}
