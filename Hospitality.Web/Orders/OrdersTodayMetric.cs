using Hospitality.Domain.Orders;
using Hospitality.EventStore;
using Hospitality.Web.Metrics;

namespace Hospitality.Web.Orders;

/// <summary>
/// <c>hospitality_orders_today</c> (and <c>hospitality_machine_orders_today</c>, the machines' sales): orders placed since midnight UTC, over all tenants and every server, read from the
/// global event log so it survives restarts and agrees on every server. Cost is bounded: the first read of a day finds
/// the day's first event by binary search over the global sequence (about 30 one-event reads), later reads take only
/// the events appended since the previous one (at most <see cref="MaxEventsPerRead"/>; a backlog is caught up over
/// the next scrapes), and reads are at most one per <c>Metrics:StoreReadInterval</c> (15 s) whatever the number of
/// scrapers. Counts by event timestamp; an order committed in the same instant as midnight may land on either day.
/// </summary>
public sealed class OrdersTodayMetric(IDocumentStore store, TimeProvider clock, TimeSpan readInterval) : IMetricsSource
{
    public const int MaxEventsPerRead = 10_000;
    private const int Page = 1_000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset _day = DateTimeOffset.MinValue;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    private long _cursor;
    private long _count;
    private long _machineSales;

    public async ValueTask WriteAsync(MetricsWriter metrics, CancellationToken ct)
    {
        metrics.Single("hospitality_orders_today", MetricType.Gauge,
            "Orders placed since midnight UTC, all tenants (from the event log, read at most every few seconds).", await CountAsync(ct));
        metrics.Single("hospitality_machine_orders_today", MetricType.Gauge,
            "Sales recorded by coffee machines since midnight UTC, all tenants (seed 002's orders; read with the orders above).",
            Interlocked.Read(ref _machineSales));
    }

    /// <summary>Orders placed today so far, read again if the last read is older than the interval.</summary>
    public async Task<long> CountAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
            if (today == _day && now - _readAt < readInterval) return _count;
            if (today != _day)
            {
                _cursor = await LastSequenceBeforeAsync(today, ct);
                _count = 0;
                Interlocked.Exchange(ref _machineSales, 0);
                _day = today;
            }
            for (var read = 0; read < MaxEventsPerRead;)
            {
                var events = await store.ReadAllEventsAsync(_cursor, Page, ct);
                if (events.Count == 0) break;
                _count += events.Count(e => e.Data is OrderPlaced && e.Timestamp >= today);
                Interlocked.Add(ref _machineSales, events.Count(e => e.Data is Domain.MachineOrders.MachineOrderPlaced && e.Timestamp >= today));
                _cursor = events[^1].Sequence;
                read += events.Count;
            }
            _readAt = now;
            return _count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The sequence after which the events of <paramref name="start"/>'s day begin: the smallest sequence whose next
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
