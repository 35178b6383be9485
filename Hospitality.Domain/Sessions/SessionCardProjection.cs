using Hospitality.Domain.Customers;
using Hospitality.EventStore;

namespace Hospitality.Domain.Sessions;

/// <summary>Keeps <see cref="SessionCard"/> documents in step with session events, inside the committing transaction.</summary>
public sealed class SessionCardProjection : IProjection
{
    public string Name => "session-cards";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<StreamAction> streams, CancellationToken ct)
    {
        var touched = streams.Where(s => s.Events.Any(e => IsSessionEvent(e.Data))).ToList();
        if (touched.Count == 0) return;
        // One read for all cards of the batch, not one per stream: a rebuild or catch-up applies hundreds of streams at once.
        var cards = (await operations.LoadManyAsync<SessionCard>(touched.Select(s => DocumentRegistry.IdString(s.Id)), ct))
            .ToDictionary(c => c.Id);
        // The guest's name is not in the session's events (erasure could not reach it there): it comes from the profile.
        var guests = touched.SelectMany(s => s.Events).Select(e => (e.Data as SessionStarted)?.CustomerId).OfType<string>().Distinct().ToList();
        var names = guests.Count == 0 ? [] : (await operations.LoadManyAsync<CustomerProfile>(guests, ct))
            .Where(p => !p.Erased).ToDictionary(p => p.Id, p => p.Name);
        var tiers = guests.Count == 0 ? [] : (await operations.LoadManyAsync<CustomerVisits>(guests, ct)).ToDictionary(v => v.Id, v => v.Tier);
        foreach (var stream in touched)
        {
            var card = cards.GetValueOrDefault(stream.Id);
            foreach (var e in stream.Events) card = Apply(card, e, names, tiers);
            if (card is null) continue;
            operations.Store(card);
            cards[stream.Id] = card;
        }
    }

    public static SessionCard? Apply(
        SessionCard? card, IEvent e, IReadOnlyDictionary<string, string>? guestNames = null, IReadOnlyDictionary<string, LoyaltyTier>? guestTiers = null) =>
        (card, e.Data) switch
    {
        (null, SessionStarted s) => new SessionCard(s.SessionId, s.LocationId, s.Table, SessionStatus.Active, CoalStatus.Fresh,
            s.Flavors, s.CustomerId, s.CustomerId is { } guest ? guestNames?.GetValueOrDefault(guest) : null, s.At, null, s.At, 0, e.Version,
            [new TimelineEntry(s.At, $"Started with {string.Join(", ", s.Flavors)}", e.UserName)],
            s.CustomerId is { } visitor && guestTiers?.TryGetValue(visitor, out var tier) == true ? tier : null),
        (null, _) => null,
        (_, RefillRequested r) => Next(card, e, r.At, "Refill requested") with { Status = SessionStatus.NeedsRefill },
        (_, RefillCompleted r) => Next(card, e, r.At, "Refill completed") with
            { Status = SessionStatus.Active, Coal = CoalStatus.Fresh, Refills = card.Refills + 1 },
        (_, CoalStatusUpdated c) => Next(card, e, c.At, $"Coal {c.Status.ToString().ToLowerInvariant()}") with { Coal = c.Status },
        (_, FlavorAdded f) => Next(card, e, f.At, f.Custom ? $"Added custom flavor {f.Flavor}" : $"Added {f.Flavor}") with
            { Flavors = [.. card.Flavors, f.Flavor] },
        (_, SessionEnded x) => Next(card, e, x.At, "Ended") with { Status = SessionStatus.Ended, EndedAt = x.At },
        _ => card,
    };

    private static SessionCard Next(SessionCard card, IEvent e, DateTimeOffset at, string what) =>
        card with { Version = e.Version, LastChangedAt = at, Timeline = [.. card.Timeline, new TimelineEntry(at, what, e.UserName)] };

    private static bool IsSessionEvent(object data) =>
        data is SessionStarted or RefillRequested or RefillCompleted or CoalStatusUpdated or FlavorAdded or SessionEnded;
}
