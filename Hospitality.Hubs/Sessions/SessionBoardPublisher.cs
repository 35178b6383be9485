using System.Text.Json;
using Hospitality.Domain.Sessions;
using Hospitality.EventStore;
using Hospitality.Hubs.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Hospitality.Hubs.Sessions;

/// <summary>
/// Pushes a session's card to screens once its events are committed, never from inside a decision: to the
/// location's hub group (TVs, phone apps) and to the live feed (Blazor boards on every server). Each push
/// carries the card's version, so a screen that missed one sees the gap and refetches.
/// </summary>
public sealed partial class SessionBoardPublisher(
    Lazy<IDocumentStore> store, IHubContext<SessionsHub> hub, ILiveFeed feed,
    ILogger<SessionBoardPublisher> logger) : ICommitListener
{
    public async Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CancellationToken ct)
    {
        var sessionIds = committed.Where(s => s.Events.Any(e => e.Data is SessionStarted or RefillRequested or RefillCompleted
            or CoalStatusUpdated or FlavorAdded or SessionEnded)).Select(s => s.Id).ToList();
        if (sessionIds.Count == 0) return;

        await using var session = store.Value.QuerySession(tenantId);
        foreach (var id in sessionIds)
        {
            var card = await session.LoadAsync<SessionCard>(id, ct);
            if (card is null) continue;
            try
            {
                await hub.Clients.Group(SessionTopics.Group(tenantId, card.LocationId)).SendAsync(SessionTopics.CardChanged, card, ct);
                await feed.PublishAsync(new LiveUpdate(SessionTopics.Board(tenantId, card.LocationId), "session-card", card.Id,
                    card.Version, JsonSerializer.Serialize(card, store.Value.Options.Json)), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The commit stands (PostgreSQL is the source of truth); screens resync when delivery is back.
                LogPushFailed(logger, e, card.Id, card.Version);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push session {SessionId} at version {Version} to screens")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, Guid sessionId, long version);
}
