using Hospitality.Domain.MachineOrders;
using Hospitality.Domain.Orders;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Hospitality.Web.Metrics;

namespace Hospitality.Web.Orders;

/// <summary>
/// <c>hospitality_orders_today</c> (and <c>hospitality_machine_orders_today</c>, the machines' sales): orders placed today at
/// each venue, summed over all tenants and every server, as the dashboard's "every location": each location counts its own
/// local day (<see cref="Location.TimeZone"/>; UTC without one). Read from the global event log, so it survives restarts and
/// agrees on every server.
/// <para>
/// Cost is bounded: the first read finds where the last <see cref="Lookback"/> begins by binary search over the global
/// sequence (about 30 one-event reads), later reads take only the events appended since the previous one (at most
/// <see cref="MaxEventsPerRead"/>; a backlog is caught up over the next scrapes), and reads are at most one per
/// <c>Metrics:StoreReadInterval</c> (15 s) whatever the number of scrapers. Events are kept as counts per location and
/// quarter of an hour of the last <see cref="Lookback"/>: every zone's midnight falls on a quarter hour, so a venue's today
/// is a whole number of them, whenever its day rolls over and whatever zone it is given meanwhile. Counts by event
/// timestamp; an order committed in the same instant as a venue's midnight may land on either day.
/// </para>
/// </summary>
public sealed class OrdersTodayMetric(IDocumentStore store, TimeProvider clock, TimeSpan readInterval) : IMetricsSource
{
    public const int MaxEventsPerRead = 10_000;
    private const int Page = 1_000;

    /// <summary>How far back a venue's today may have begun: a local day lasts at most 25 hours (the day clocks fall back).</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromHours(26);

    private static readonly long QuarterTicks = TimeSpan.FromMinutes(15).Ticks;

    /// <summary>How long a location's zone is trusted before it is read again (a manager may have set or changed it).</summary>
    private static readonly TimeSpan ZoneReadEvery = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(string Tenant, string Location), VenueCounts> _venues = [];
    private long? _cursor;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public async ValueTask WriteAsync(MetricsWriter metrics, CancellationToken ct)
    {
        var (orders, machineSales) = await CountAsync(ct);
        metrics.Single("hospitality_orders_today", MetricType.Gauge,
            "Orders placed today at each venue (its own local day), all tenants (from the event log, read at most every few seconds).", orders);
        metrics.Single("hospitality_machine_orders_today", MetricType.Gauge,
            "Sales recorded by coffee machines today at each venue, all tenants (seed 002's orders; read with the orders above).", machineSales);
    }

    /// <summary>Orders and machine sales of today at each venue, with the events read again if the last read is older than the interval.</summary>
    public async Task<(long Orders, long MachineSales)> CountAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            if (now - _readAt >= readInterval)
            {
                await ReadEventsAsync(now, ct);
                _readAt = now;
            }
            // Venues roll over to a new day between reads too: the sums are always of today at now.
            long orders = 0, machineSales = 0;
            foreach (var (venue, counts) in _venues.ToList())
            {
                counts.Forget(now - Lookback);
                if (counts.IsEmpty)
                {
                    _venues.Remove(venue);
                    continue;
                }
                if (now - counts.ZoneReadAt >= ZoneReadEvery) (counts.Zone, counts.ZoneReadAt) = (await ZoneAsync(venue, ct), now);
                var (o, s) = counts.Today(now);
                (orders, machineSales) = (orders + o, machineSales + s);
            }
            return (orders, machineSales);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ReadEventsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var since = now - Lookback;
        _cursor ??= await LastSequenceBeforeAsync(since, ct);
        for (var read = 0; read < MaxEventsPerRead;)
        {
            var events = await store.ReadAllEventsAsync(_cursor.Value, Page, ct);
            if (events.Count == 0) break;
            foreach (var e in events.Where(e => e.Timestamp >= since))
            {
                var (location, machine) = e.Data switch
                {
                    OrderPlaced placed => (placed.LocationId, false),
                    MachineOrderPlaced sold => (sold.LocationId, true),
                    _ => (null, false),
                };
                if (location is null) continue;
                var venue = (e.TenantId, location);
                if (!_venues.TryGetValue(venue, out var counts)) _venues[venue] = counts = new VenueCounts(await ZoneAsync(venue, ct), now);
                counts.Add(e.Timestamp, machine);
            }
            _cursor = events[^1].Sequence;
            read += events.Count;
        }
    }

    private async Task<TimeZoneInfo> ZoneAsync((string Tenant, string Location) venue, CancellationToken ct)
    {
        await using var session = store.QuerySession(venue.Tenant);
        return (await session.LoadAsync<Location>(venue.Location, ct))?.DayZone() ?? TimeZoneInfo.Utc;
    }

    /// <summary>
    /// The sequence after which the events from <paramref name="start"/> on begin: the smallest sequence whose next
    /// event is from <paramref name="start"/> on (or the high water mark when none is yet). Relies on sequence and
    /// timestamp growing together, as they do but for commits in flight at the same moment.
    /// </summary>
    private async Task<long> LastSequenceBeforeAsync(DateTimeOffset start, CancellationToken ct)
    {
        long low = 0, high = await store.FetchHighWaterMarkAsync(ct);
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            var next = await store.ReadAllEventsAsync(middle, 1, ct);
            if (next.Count == 0 || next[0].Timestamp >= start) high = middle;
            else low = Math.Min(next[0].Sequence, high);   // everything up to that event is older: skip past it
        }
        return low;
    }

    /// <summary>One venue's orders and machine sales per quarter of an hour (UTC), and the zone its day is counted in.</summary>
    private sealed class VenueCounts(TimeZoneInfo zone, DateTimeOffset zoneReadAt)
    {
        private readonly SortedDictionary<long, (long Orders, long MachineSales)> _quarters = [];

        public TimeZoneInfo Zone { get; set; } = zone;
        public DateTimeOffset ZoneReadAt { get; set; } = zoneReadAt;
        public bool IsEmpty => _quarters.Count == 0;

        public void Add(DateTimeOffset at, bool machine)
        {
            var quarter = at.UtcTicks / QuarterTicks;
            var (orders, sales) = _quarters.GetValueOrDefault(quarter);
            _quarters[quarter] = machine ? (orders, sales + 1) : (orders + 1, sales);
        }

        public void Forget(DateTimeOffset before)
        {
            foreach (var quarter in _quarters.Keys.TakeWhile(q => q * QuarterTicks < before.UtcTicks).ToList()) _quarters.Remove(quarter);
        }

        public (long Orders, long MachineSales) Today(DateTimeOffset now)
        {
            var (start, end) = VenueDay.Interval(Zone, VenueDay.DateOf(Zone, now));
            var today = _quarters.Where(q => q.Key * QuarterTicks >= start.UtcTicks && q.Key * QuarterTicks < end.UtcTicks).Select(q => q.Value).ToList();
            return (today.Sum(q => q.Orders), today.Sum(q => q.MachineSales));
        }
    }
}

public static class OrdersTodayMetricSetup
{
    /// <summary>Registers <see cref="OrdersTodayMetric"/> with the <c>/metrics</c> scrape.</summary>
    public static IServiceCollection AddOrdersTodayMetric(this IServiceCollection services, IConfiguration configuration)
    {
        var interval = configuration.GetValue<TimeSpan?>("Metrics:StoreReadInterval") ?? TimeSpan.FromSeconds(15);
        services.AddSingleton<IMetricsSource>(sp => new OrdersTodayMetric(
            sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<TimeProvider>(), interval));
        return services;
    }
}
