namespace Hospitality.Domain.Sessions;

/// <summary>A mix to offer a guest, with the one line staff can say about why.</summary>
public sealed record FlavorRecommendation(string Mix, IReadOnlyList<string> Flavors, string Reason);

/// <summary>
/// Recommends a mix from what the guest likes (their favorites and past bowls) and what guests with similar taste
/// choose: taste is the set of flavors a guest smoked or favours; similarity is the overlap of two such sets
/// (Jaccard). Pure: the handler passes the cards, so a test needs no store.
/// </summary>
public static class FlavorRecommender
{
    public const double SimilarEnough = 0.25;

    public static FlavorRecommendation? Recommend(
        IReadOnlyCollection<string> favorites, IReadOnlyList<SessionCard> guestSessions, string? guestId,
        IReadOnlyList<SessionCard> tenantSessions, IReadOnlyList<MixUsage> localMixes)
    {
        var comparer = StringComparer.OrdinalIgnoreCase;
        var liked = new HashSet<string>(favorites, comparer);
        var taste = new HashSet<string>(favorites.Concat(guestSessions.SelectMany(s => s.Flavors)), comparer);
        var recentMixes = new HashSet<string>(guestSessions.Take(3).Select(s => SessionCard.MixKey(s.Flavors)), comparer);

        if (taste.Count > 0)
        {
            var others = tenantSessions.Where(s => s.CustomerId is not null && s.CustomerId != guestId).GroupBy(s => s.CustomerId!);
            var votes = new Dictionary<string, (IReadOnlyList<string> Flavors, double Score, HashSet<string> Guests)>(comparer);
            foreach (var other in others)
            {
                var theirs = new HashSet<string>(other.SelectMany(s => s.Flavors), comparer);
                var similarity = (double)theirs.Count(taste.Contains) / taste.Union(theirs, comparer).Count();
                if (similarity < SimilarEnough) continue;
                foreach (var mix in other.Where(s => s.Flavors.Count > 1).Select(s => s.Flavors).DistinctBy(SessionCard.MixKey, comparer))
                {
                    var key = SessionCard.MixKey(mix);
                    if (recentMixes.Contains(key)) continue;
                    var vote = votes.GetValueOrDefault(key, (mix, 0, new HashSet<string>()));
                    vote.Guests.Add(other.Key);
                    votes[key] = (vote.Flavors, vote.Score + similarity, vote.Guests);
                }
            }

            if (votes.Count > 0)
            {
                var (key, best) = votes.OrderByDescending(v => v.Value.Score).ThenBy(v => v.Key, comparer).First();
                var shared = best.Flavors.Where(taste.Contains).ToList();
                var liking = shared.Count > 0 ? $"who also like {string.Join(" and ", shared)}" : "with similar taste";
                var count = best.Guests.Count == 1 ? "1 of them" : $"{best.Guests.Count} of them";
                return new(key, [.. best.Flavors.Order(comparer)], $"Guests {liking} often choose it ({count}).");
            }

            var withFavorite = localMixes.FirstOrDefault(m => m.Flavors.Any(liked.Contains) && !recentMixes.Contains(m.Mix));
            if (withFavorite is not null)
            {
                var favorite = withFavorite.Flavors.First(liked.Contains);
                return new(withFavorite.Mix, withFavorite.Flavors, $"Has {favorite}, one of their favorites, and is popular here ({withFavorite.Sessions} sessions).");
            }

            if (guestSessions.Count > 0)
            {
                var last = guestSessions[0].Flavors;
                return new(SessionCard.MixKey(last), last, "What they had last time.");
            }
        }

        return localMixes.FirstOrDefault() is { } top
            ? new(top.Mix, top.Flavors, $"The most popular mix here lately ({top.Sessions} sessions).")
            : null;
    }
}
