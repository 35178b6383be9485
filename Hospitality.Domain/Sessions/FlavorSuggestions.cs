using Hospitality.Domain.Common;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Sessions;

/// <summary>
/// The seed's <c>get_flavor_suggestions</c>: the location's popular mixes ranked by usage, its most used single
/// flavors, the business's popular mixes across locations, and, for a returning customer, their last three sessions
/// and a recommendation with its reason.
/// </summary>
public sealed record GetFlavorSuggestions(Actor Actor, string LocationId, string? CustomerId) : IRequest<FlavorSuggestions>;

public sealed record FlavorSuggestions(
    IReadOnlyList<MixUsage> PopularMixes, IReadOnlyList<MixUsage> PopularFlavors, IReadOnlyList<PastSession> CustomerHistory,
    IReadOnlyList<MixUsage>? BusinessMixes = null, FlavorRecommendation? Recommendation = null);

/// <summary>A mix (or single flavor) and how many sessions used it.</summary>
public sealed record MixUsage(string Mix, IReadOnlyList<string> Flavors, int Sessions);

public sealed record PastSession(Guid SessionId, string LocationId, string Table, IReadOnlyList<string> Flavors, DateTimeOffset StartedAt);

public sealed class FlavorSuggestionHandler(IDocumentStore store) : IRequestHandler<GetFlavorSuggestions, FlavorSuggestions>
{
    /// <summary>How far back usage counts: the latest sessions of the location, so trends follow the season.</summary>
    public const int UsageWindow = 500;
    /// <summary>Sessions across every location that count for the business's mixes and for similar guests.</summary>
    public const int BusinessWindow = 2000;
    public const int Shown = 8;

    public async Task<FlavorSuggestions> Handle(GetFlavorSuggestions request, CancellationToken ct)
    {
        var (actor, locationId, customerId) = request;
        if (!actor.CanReach(locationId)) throw DomainException.NotFound($"Location {locationId} does not exist.");
        await using var session = store.QuerySession(actor.TenantId);
        await Locations.RequireAsync(session, locationId, ct);

        var recent = await session.Query<SessionCard>()
            .Where(c => c.LocationId == locationId)
            .OrderByDescending(c => c.StartedAt)
            .Take(UsageWindow)
            .ToListAsync(ct);

        var business = await session.Query<SessionCard>().OrderByDescending(c => c.StartedAt).Take(BusinessWindow).ToListAsync(ct);
        IReadOnlyList<SessionCard> past = [];
        IReadOnlyList<string> favorites = [];
        if (!string.IsNullOrWhiteSpace(customerId))
        {
            // Across every location of the business: a regular's favourites follow them between lounges.
            past = await session.Query<SessionCard>().Where(c => c.CustomerId == customerId).OrderByDescending(c => c.StartedAt).Take(20).ToListAsync(ct);
            var profile = await session.LoadAsync<Customers.CustomerProfile>(customerId, ct);
            if (profile is { Erased: false } && profile.IsVisibleTo(actor)) favorites = profile.Preferences.FavoriteFlavors;
        }

        var local = Rank(recent, [.. past.Take(3).Select(c => new PastSession(c.Id, c.LocationId, c.Table, c.Flavors, c.StartedAt))]);
        var recommendation = string.IsNullOrWhiteSpace(customerId)
            ? FlavorRecommender.Recommend([], [], null, [], local.PopularMixes)
            : FlavorRecommender.Recommend(favorites, past, customerId, business, local.PopularMixes);
        return local with { BusinessMixes = Rank(business, []).PopularMixes, Recommendation = recommendation };
    }

    /// <summary>Ranks by usage, ties broken by name so the order is stable between refreshes.</summary>
    public static FlavorSuggestions Rank(IReadOnlyList<SessionCard> cards, IReadOnlyList<PastSession> history)
    {
        var mixes = cards.Where(c => c.Flavors.Count > 1)
            .GroupBy(c => SessionCard.MixKey(c.Flavors), StringComparer.OrdinalIgnoreCase)
            .Select(g => new MixUsage(g.Key, [.. g.First().Flavors.Order(StringComparer.OrdinalIgnoreCase)], g.Count()));
        var flavors = cards.SelectMany(c => c.Flavors.Distinct(StringComparer.OrdinalIgnoreCase))
            .GroupBy(f => f, StringComparer.OrdinalIgnoreCase)
            .Select(g => new MixUsage(g.First(), [g.First()], g.Count()));
        return new FlavorSuggestions(Top(mixes), Top(flavors), history);
    }

    private static List<MixUsage> Top(IEnumerable<MixUsage> usage) =>
        [.. usage.OrderByDescending(u => u.Sessions).ThenBy(u => u.Mix, StringComparer.OrdinalIgnoreCase).Take(Shown)];
}
