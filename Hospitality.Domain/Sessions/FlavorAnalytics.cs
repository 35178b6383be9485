using Hospitality.Domain.Common;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Sessions;

/// <summary>
/// Seed 000's flavor analytics for managers: which mixes and flavors sell, per location or across the business, and
/// sessions per day (each location's local day, <see cref="VenueCalendar"/>), over the last <paramref name="Days"/> days.
/// </summary>
public sealed record GetFlavorAnalytics(Actor Actor, string? LocationId, int Days = 30) : IRequest<FlavorAnalytics>;

public sealed record FlavorAnalytics(
    int Days, int Sessions, int WithGuestProfile, IReadOnlyList<MixUsage> TopMixes, IReadOnlyList<MixUsage> TopFlavors,
    IReadOnlyList<DaySessions> SessionsPerDay, IReadOnlyList<LocationShare> Locations);

public sealed record DaySessions(DateTime Day, int Sessions);

public sealed record LocationShare(string LocationId, string Name, int Sessions);

public sealed class FlavorAnalyticsHandler(IDocumentStore store, TimeProvider clock) : IRequestHandler<GetFlavorAnalytics, FlavorAnalytics>
{
    /// <summary>An upper bound on the sessions read: about 300 a day for a month at a busy group of lounges.</summary>
    public const int MaxSessions = 10_000;

    public async Task<FlavorAnalytics> Handle(GetFlavorAnalytics request, CancellationToken ct)
    {
        var (actor, locationId, days) = request;
        if (days is < 1 or > 366) throw DomainException.Invalid("Analytics cover 1 to 366 days.");
        if (locationId is not null && !actor.CanReach(locationId)) throw DomainException.NotFound($"Location {locationId} does not exist.");
        await using var session = store.QuerySession(actor.TenantId);
        if (locationId is not null) await Locations.RequireAsync(session, locationId, ct);
        var reachable = actor.LocationId ?? locationId;
        var since = clock.GetUtcNow().AddDays(-days);
        var query = session.Query<SessionCard>().Where(c => c.StartedAt >= since);
        if (reachable is not null) query = query.Where(c => c.LocationId == reachable);
        var cards = await query.OrderByDescending(c => c.StartedAt).Take(MaxSessions).ToListAsync(ct);
        var locations = await session.Query<Location>().ToListAsync(ct);
        var (names, calendar) = (locations.ToDictionary(l => l.Id, l => l.Name), VenueCalendar.Of(locations));

        var ranked = FlavorSuggestionHandler.Rank(cards, []);
        var perDay = cards.GroupBy(c => calendar.DayOf(c.LocationId, c.StartedAt)).OrderBy(g => g.Key)
            .Select(g => new DaySessions(g.Key.ToDateTime(TimeOnly.MinValue), g.Count()));
        var perLocation = cards.GroupBy(c => c.LocationId).OrderByDescending(g => g.Count())
            .Select(g => new LocationShare(g.Key, names.GetValueOrDefault(g.Key, g.Key), g.Count()));
        return new FlavorAnalytics(days, cards.Count, cards.Count(c => c.CustomerId is not null), ranked.PopularMixes, ranked.PopularFlavors,
            [.. perDay], [.. perLocation]);
    }
}
