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
    public Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CancellationToken ct) =>
        AfterCommitAsync(tenantId, committed, CommittedDocuments.None, ct);

    public async Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CommittedDocuments documents, CancellationToken ct)
    {
        var sessionIds = committed.Where(s => s.Events.Any(e => e.Data is SessionStarted or RefillRequested or RefillCompleted
            or CoalStatusUpdated or FlavorAdded or SessionEnded)).Select(s => s.Id).ToList();
        if (sessionIds.Count == 0) return;

        IQuerySession? session = null;
        try
        {
            foreach (var id in sessionIds)
            {
                // The card as this commit's inline projection wrote it; read back only when the commit did not write it.
                var card = documents.Find<SessionCard>(id);
                if (card is null)
                {
                    session ??= store.Value.QuerySession(tenantId);
                    card = await session.LoadAsync<SessionCard>(id, ct);
                }
                if (card is null) continue;
                try
                {
                    // Both PUBLISHes are issued here, in this order, before either is awaited: one Redis round trip
                    // instead of two in a row. Each channel's messages still leave in the order they are issued.
                    var toHub = hub.Clients.Group(SessionTopics.Group(tenantId, card.LocationId)).SendAsync(SessionTopics.CardChanged, card, ct);
                    var toFeed = feed.PublishAsync(new LiveUpdate(SessionTopics.Board(tenantId, card.LocationId), "session-card", card.Id,
                        card.Version, JsonSerializer.Serialize(card, store.Value.Options.Json)), ct);
                    await Task.WhenAll(toHub, toFeed);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The commit stands (PostgreSQL is the source of truth); screens resync when delivery is back.
                    LogPushFailed(logger, e, card.Id, card.Version);
                }
            }
        }
        finally
        {
            if (session is not null) await session.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push session {SessionId} at version {Version} to screens")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, Guid sessionId, long version);
}
