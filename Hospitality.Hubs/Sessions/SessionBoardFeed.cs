using System.Text.Json;
using Hospitality.Domain.Sessions;
using Hospitality.EventStore;
using Hospitality.Hubs.Live;

namespace Hospitality.Hubs.Sessions;

/// <summary>What a board receives: a changed card, or word that changes may have been missed.</summary>
public sealed record BoardChange(SessionCard? Card)
{
    public bool Resync => Card is null;
}

/// <summary>
/// A location's board as a typed live source for Blazor components. Fed by the backplane through
/// <see cref="ILiveFeed"/>, so a change committed on any server reaches a board on every server.
/// </summary>
public sealed class SessionBoardFeed(ILiveFeed feed, IDocumentStore store)
{
    public IDisposable Subscribe(string tenantId, string locationId, Func<BoardChange, Task> onChange) =>
        feed.Subscribe(SessionTopics.Board(tenantId, locationId), update => onChange(update.IsResync || update.Payload is null
            ? new BoardChange(null)
            : new BoardChange(JsonSerializer.Deserialize<SessionCard>(update.Payload, store.Options.Json))));
}

/// <summary>
/// The cards a board shows, kept in step with changes by version: an older or repeated change is ignored,
/// and a change that skips versions (one was missed) asks for a refetch.
/// </summary>
public sealed class BoardCards
{
    private readonly Dictionary<Guid, SessionCard> _cards = [];
    // Ended sessions never change again; remembering them keeps a late, out-of-order change from reviving a card.
    private readonly HashSet<Guid> _ended = [];

    public IEnumerable<SessionCard> Live => _cards.Values.OrderBy(c => c.StartedAt).ThenBy(c => c.Table);

    public void Reset(IEnumerable<SessionCard> cards)
    {
        _cards.Clear();
        _ended.Clear();
        foreach (var card in cards.Where(c => c.IsLive)) _cards[card.Id] = card;
    }

    /// <summary>Applies a card; false when a change was missed and the board should refetch.</summary>
    public bool Apply(SessionCard card)
    {
        if (_ended.Contains(card.Id)) return true;
        var known = _cards.TryGetValue(card.Id, out var current) ? current.Version : 0;
        if (card.Version <= known) return true;
        var complete = card.Version == known + 1 || known == 0 && card.Version == 1;
        if (card.IsLive) _cards[card.Id] = card;
        else { _cards.Remove(card.Id); _ended.Add(card.Id); }
        return complete;
    }
}
