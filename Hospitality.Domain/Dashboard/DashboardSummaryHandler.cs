using System.Linq.Expressions;
using Hospitality.Domain.Alarms;
using Hospitality.Domain.Common;
using Hospitality.Domain.Devices;
using Hospitality.Domain.GroupOrders;
using Hospitality.Domain.MachineOrders;
using Hospitality.Domain.Orders;
using Hospitality.Domain.Sessions;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Dashboard;

/// <summary>
/// The managers' dashboard: KPIs now and trends per day from <paramref name="From"/> to <paramref name="To"/> (both included,
/// at most <see cref="DashboardRange.MaxDays"/> days; left out, the week ending today), of one location or every location the
/// actor reaches. Days are the venues' local days: one location's own, or for several "today at each venue", every location
/// counting its own local day (<see cref="VenueCalendar"/>). Only the <paramref name="Parts"/> asked for are read, so a live
/// page refreshes what a change touched.
/// </summary>
public sealed record GetDashboardSummary(
    Actor Actor, DateOnly? From = null, DateOnly? To = null, string? LocationId = null, DashboardParts Parts = DashboardParts.All)
    : IRequest<DashboardSummary>;

/// <summary>
/// Every read is a tenant-scoped query with where-clauses on stored members (location, time, status) and a cap: counts for
/// what is only counted, and time-bounded reads for what is added up. Machines are read whole: a fleet is small and bins
/// live in the machine's document. Device online rate per day is not given: the machine documents hold only the present
/// state, and deriving the past would mean reading every status report of the range.
/// </summary>
public sealed class DashboardSummaryHandler(IDocumentStore store, TimeProvider clock) : IRequestHandler<GetDashboardSummary, DashboardSummary>
{
    /// <summary>The most restaurant orders, and separately machine sales, one read adds up (a busy group for a quarter).</summary>
    public const int MaxSalesRead = 50_000;

    /// <summary>The most session cards one read counts per day.</summary>
    public const int MaxSessions = 20_000;

    /// <summary>The most machines one read covers.</summary>
    public const int MaxMachines = 5_000;

    public async Task<DashboardSummary> Handle(GetDashboardSummary request, CancellationToken ct)
    {
        var (actor, from, to, locationId, parts) = request;
        var now = clock.GetUtcNow();
        if (locationId is not null && !actor.CanReach(locationId)) throw DomainException.NotFound($"Location {locationId} does not exist.");
        await using var session = store.QuerySession(actor.TenantId);
        var at = new Reach(session, actor.LocationId ?? locationId);
        var covered = await at.Covered(actor, ct);
        if (locationId is not null && covered.Count == 0) throw DomainException.NotFound($"Location {locationId} does not exist.");
        var calendar = VenueCalendar.Of(covered);
        var today = calendar.Today(now);
        var range = DashboardRange.Of(from, to, today);

        return new DashboardSummary(range.From, range.To, today, locationId, now,
            parts.HasFlag(DashboardParts.Sessions) ? await SessionsAsync(at, range, calendar, ct) : null,
            parts.HasFlag(DashboardParts.Rooms) ? new RoomKpis(await at.Query<GroupRoom>(r => r.LocationId).Where(r => !r.Finalized).CountAsync(ct)) : null,
            parts.HasFlag(DashboardParts.Sales) ? await SalesAsync(at, range, calendar, now, today, ct) : null,
            parts.HasFlag(DashboardParts.Fleet) ? await FleetAsync(at, ct) : null,
            parts.HasFlag(DashboardParts.Alarms) ? await AlarmsAsync(at, ct) : null,
            calendar.SharedZone?.Id);
    }

    private static async Task<SessionKpis> SessionsAsync(Reach at, DashboardRange range, VenueCalendar calendar, CancellationToken ct)
    {
        var active = await at.Query<SessionCard>(c => c.LocationId).Where(c => c.Status != SessionStatus.Ended).CountAsync(ct);
        var (start, end) = calendar.Span(range.From, range.To);
        var started = await at.Query<SessionCard>(c => c.LocationId).Where(c => c.StartedAt >= start && c.StartedAt < end)
            .Take(MaxSessions + 1).ToListAsync(ct);
        var perDay = started.Take(MaxSessions).CountBy(c => calendar.DayOf(c.LocationId, c.StartedAt)).ToDictionary();
        return new SessionKpis(active, [.. range.EachDay().Select(d => new DayCount(d, perDay.GetValueOrDefault(d)))], started.Count > MaxSessions);
    }

    private static async Task<SalesKpis> SalesAsync(
        Reach at, DashboardRange range, VenueCalendar calendar, DateTimeOffset now, DateOnly today, CancellationToken ct)
    {
        var (start, end) = calendar.Span(range.From, range.To);
        var (orders, sales, capped) = await ReadSalesAsync(at, start, end, ct);
        var perDay = SalesTally.PerDay(range.EachDay(), orders, sales, (location, instant) => calendar.DayOf(location, instant));
        // Today at each venue, summed under the one date "today". A range that does not hold every venue's today (a past
        // range) needs a second read of its own.
        var (todayStart, todayEnd) = calendar.TodaySpan(now);
        if (todayStart < start || todayEnd > end)
        {
            var (o, s, c) = await ReadSalesAsync(at, todayStart, todayEnd, ct);
            (orders, sales, capped) = (o, s, capped || c);
        }
        var todays = SalesTally.PerDay([today], orders, sales, (location, instant) => calendar.IsToday(location, instant, now) ? today : null)[0];
        return new SalesKpis(todays, perDay, capped);
    }

    private static async Task<(IReadOnlyList<Order>, IReadOnlyList<MachineOrder>, bool Capped)> ReadSalesAsync(
        Reach at, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var orders = await at.Query<Order>(o => o.LocationId).Where(o => o.PlacedAt >= start && o.PlacedAt < end).Take(MaxSalesRead + 1).ToListAsync(ct);
        var sales = await at.Query<MachineOrder>(o => o.LocationId).Where(o => o.PlacedAt >= start && o.PlacedAt < end).Take(MaxSalesRead + 1).ToListAsync(ct);
        return ([.. orders.Take(MaxSalesRead)], [.. sales.Take(MaxSalesRead)], orders.Count > MaxSalesRead || sales.Count > MaxSalesRead);
    }

    private static async Task<FleetKpis> FleetAsync(Reach at, CancellationToken ct)
    {
        var machines = await at.Query<Device>(d => d.LocationId).Take(MaxMachines).ToListAsync(ct);
        return FleetKpis.Of(machines.Count, machines.Count(d => d.Online),
            machines.Sum(d => d.ConfiguredBins.Count(b => b.IsLow(d.LevelOf(b.Bin)))));
    }

    private static async Task<AlarmKpis> AlarmsAsync(Reach at, CancellationToken ct)
    {
        var byKind = new List<AlarmKindCount>();
        foreach (var kind in Enum.GetValues<AlarmKind>())
            byKind.Add(new AlarmKindCount(kind, await at.Query<Alarm>(a => a.LocationId).Where(a => !a.Resolved && a.Kind == kind).CountAsync(ct)));
        return new AlarmKpis(byKind.Sum(k => k.Open), byKind);
    }

    /// <summary>Queries of the actor's tenant, narrowed to one location when the actor is bound to one or asked for one.</summary>
    private sealed record Reach(IQuerySession Session, string? LocationId)
    {
        /// <summary>The locations the figures are of: the one, or every location of the tenant the actor reaches.</summary>
        public async Task<IReadOnlyList<Location>> Covered(Actor actor, CancellationToken ct)
        {
            var all = await Query<Location>(l => l.Id).ToListAsync(ct);
            return [.. all.Where(l => actor.CanReach(l.Id))];
        }

        /// <param name="location">The document's location member, e.g. <c>o =&gt; o.LocationId</c>.</param>
        public IDocumentQuery<T> Query<T>(Expression<Func<T, string>> location) where T : class
        {
            var query = Session.Query<T>();
            if (LocationId is not { } only) return query;
            // location == only, built once here instead of repeated on every read.
            return query.Where(Expression.Lambda<Func<T, bool>>(Expression.Equal(location.Body, Expression.Constant(only)), location.Parameters));
        }
    }
}
