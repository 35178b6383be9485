using Hospitality.Domain;
using Hospitality.Domain.Orders;
using Hospitality.EventStore;
using Hospitality.EventStore.InMemory;
using Hospitality.Tests.EventStore;
using Hospitality.Web.Orders;

namespace Hospitality.Tests.Metrics;

/// <summary>Orders today, read from the global event log across tenants: only today's, cached, and back to zero at midnight.</summary>
public sealed class OrdersTodayMetricTests
{
    private static readonly DateTimeOffset Yesterday = new(2031, 3, 9, 8, 0, 0, TimeSpan.Zero);
    private readonly FixedClock _clock = new(Yesterday);
    private readonly IDocumentStore _store;

    public OrdersTodayMetricTests()
    {
        var options = new StoreOptions { Clock = _clock };
        DomainModules.Configure(options);
        _store = new InMemoryDocumentStore(options);
    }

    private async Task PlaceAsync(string tenant, int orders, int otherEvents = 0)
    {
        await using var session = _store.LightweightSession(tenant);
        for (var i = 0; i < orders; i++)
        {
            var id = Guid.NewGuid();
            var placed = new OrderPlaced(id, "bar", OrderType.Takeaway, null, [new OrderLine(Guid.NewGuid(), "Tea", 1, 350)], "EUR", 0, null, _clock.Now);
            session.Events.StartStream<Order>(id, [placed, .. Enumerable.Range(0, otherEvents).Select(_ => new OrderAdvanced(id, OrderStatus.Confirmed, _clock.Now))]);
        }
        await session.SaveChangesAsync();
    }

    [Fact]
    public async Task Counts_todays_orders_of_every_tenant_and_none_of_yesterdays()
    {
        for (var hour = 0; hour < 12; hour++)
        {
            await PlaceAsync("t-one", orders: 3, otherEvents: 4);   // yesterday: 36 orders among 180 events
            _clock.Now = _clock.Now.AddHours(1);
        }
        _clock.Now = Yesterday.AddDays(1).Date.AddHours(9);
        await PlaceAsync("t-one", orders: 2, otherEvents: 1);
        await PlaceAsync("t-two", orders: 3);

        var counting = new CountingStore(_store);
        Assert.Equal(5, await new OrdersTodayMetric(counting, _clock, TimeSpan.Zero).CountAsync(default));
        // 187 events in the log, 7 of them today: yesterday's are skipped by binary search, not read.
        Assert.InRange(counting.EventsRead, 7, 30);
    }

    private sealed class CountingStore(IDocumentStore inner) : IDocumentStore
    {
        public int EventsRead { get; private set; }
        public StoreOptions Options => inner.Options;
        public IDocumentSession LightweightSession(string tenantId) => inner.LightweightSession(tenantId);
        public IQuerySession QuerySession(string tenantId) => inner.QuerySession(tenantId);
        public Task ApplyAllConfiguredChangesToDatabaseAsync(CancellationToken ct = default) => inner.ApplyAllConfiguredChangesToDatabaseAsync(ct);
        public Task<long> FetchHighWaterMarkAsync(CancellationToken ct = default) => inner.FetchHighWaterMarkAsync(ct);
        public ValueTask DisposeAsync() => inner.DisposeAsync();

        public async Task<IReadOnlyList<IEvent>> ReadAllEventsAsync(long afterSequence, int maxCount, CancellationToken ct = default)
        {
            var events = await inner.ReadAllEventsAsync(afterSequence, maxCount, ct);
            EventsRead += events.Count;
            return events;
        }
    }

    [Fact]
    public async Task Reads_again_only_after_the_interval_and_starts_from_zero_at_midnight_utc()
    {
        var metric = new OrdersTodayMetric(_store, _clock, TimeSpan.FromSeconds(15));
        await PlaceAsync("t-one", orders: 1);
        Assert.Equal(1, await metric.CountAsync(default));

        await PlaceAsync("t-two", orders: 2);
        Assert.Equal(1, await metric.CountAsync(default));   // within the interval: the last read stands
        _clock.Now = _clock.Now.AddSeconds(15);
        Assert.Equal(3, await metric.CountAsync(default));

        _clock.Now = Yesterday.AddDays(1).Date;
        Assert.Equal(0, await metric.CountAsync(default));
        await PlaceAsync("t-one", orders: 1);
        _clock.Now = _clock.Now.AddSeconds(15);
        Assert.Equal(1, await metric.CountAsync(default));
    }
}
