using Hospitality.Domain;
using Hospitality.Domain.MachineOrders;
using Hospitality.Domain.Orders;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Hospitality.EventStore.InMemory;
using Hospitality.Tests.EventStore;
using Hospitality.Web.Orders;

namespace Hospitality.Tests.Metrics;

/// <summary>
/// Orders today at each venue, read from the global event log across tenants: only each venue's own today (its local day, UTC
/// without a zone), cached, and back to zero at the venue's midnight.
/// </summary>
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

    private async Task SellAsync(string tenant)
    {
        var id = Guid.NewGuid();
        await using var session = _store.LightweightSession(tenant);
        session.Events.Append(id, new MachineOrderPlaced(id, Guid.NewGuid(), "Espresso", "bar", $"m-{id:N}", [new("Latte", 1, 350)], "USD", 350,
            PaymentMethod.Card, PaymentStatus.Paid, null, _clock.Now, _clock.Now));
        await session.SaveChangesAsync();
    }

    [Fact]
    public async Task Counts_todays_orders_of_every_tenant_and_skips_what_is_older_than_any_venues_today_without_reading_it()
    {
        _clock.Now = Yesterday.AddDays(-1);
        for (var hour = 0; hour < 12; hour++)
        {
            await PlaceAsync("t-one", orders: 3, otherEvents: 4);   // two days ago: 36 orders among 180 events
            _clock.Now = _clock.Now.AddHours(1);
        }
        _clock.Now = Yesterday.AddDays(1).Date.AddHours(9);
        await PlaceAsync("t-one", orders: 2, otherEvents: 1);
        await PlaceAsync("t-two", orders: 3);

        var counting = new CountingStore(_store);
        Assert.Equal(5, (await new OrdersTodayMetric(counting, _clock, TimeSpan.Zero).CountAsync(default)).Orders);
        // 187 events in the log, 7 of them in the last day: the older ones are skipped by binary search, not read.
        Assert.InRange(counting.EventsRead, 7, 30);
    }

    [Fact]
    public async Task An_order_at_nine_in_the_evening_in_new_york_counts_in_that_venues_today_until_its_own_midnight()
    {
        await TenancySeeding.CreateTenantAsync(_store, new TenantSpec("t-ny", "Gotham",
            [new LocationSpec("Bar", LocationKind.Lounge, "bar", TimeZone: "America/New_York")], []));
        await TenancySeeding.CreateTenantAsync(_store, new TenantSpec("t-london", "Soho",
            [new LocationSpec("Bar", LocationKind.Lounge, "bar", Country: "GB", TimeZone: "Europe/London")], []));
        var metric = new OrdersTodayMetric(_store, _clock, TimeSpan.Zero);
        _clock.Now = new DateTimeOffset(2031, 6, 14, 19, 0, 0, TimeSpan.FromHours(-4));   // 23:00 UTC
        await PlaceAsync("t-ny", orders: 1);
        _clock.Now = new DateTimeOffset(2031, 6, 14, 21, 0, 0, TimeSpan.FromHours(-4));   // 01:00 UTC on the 15th
        await PlaceAsync("t-ny", orders: 1);
        await SellAsync("t-ny");
        await PlaceAsync("t-london", orders: 1);   // 02:00 in London on the 15th

        // 21:00 in New York: both evening orders are New York's today, though the first was "yesterday" in UTC.
        Assert.Equal((3L, 1L), await metric.CountAsync(default));
        _clock.Now = new DateTimeOffset(2031, 6, 14, 23, 59, 0, TimeSpan.FromHours(-4));
        Assert.Equal((3L, 1L), await metric.CountAsync(default));
        // New York's midnight: its day starts again; London's goes on until London's midnight (23:00 UTC).
        _clock.Now = new DateTimeOffset(2031, 6, 15, 0, 0, 0, TimeSpan.FromHours(-4));
        Assert.Equal((1L, 0L), await metric.CountAsync(default));
        _clock.Now = new DateTimeOffset(2031, 6, 15, 23, 59, 0, TimeSpan.FromHours(1));
        Assert.Equal((1L, 0L), await metric.CountAsync(default));
        _clock.Now = new DateTimeOffset(2031, 6, 16, 0, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal((0L, 0L), await metric.CountAsync(default));
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
    public async Task Reads_again_only_after_the_interval_and_starts_from_zero_at_midnight_utc_for_a_venue_without_a_time_zone()
    {
        var metric = new OrdersTodayMetric(_store, _clock, TimeSpan.FromSeconds(15));
        await PlaceAsync("t-one", orders: 1);
        Assert.Equal(1, (await metric.CountAsync(default)).Orders);

        await PlaceAsync("t-two", orders: 2);
        Assert.Equal(1, (await metric.CountAsync(default)).Orders);   // within the interval: the last read stands
        _clock.Now = _clock.Now.AddSeconds(15);
        Assert.Equal(3, (await metric.CountAsync(default)).Orders);

        _clock.Now = Yesterday.AddDays(1).Date;
        Assert.Equal(0, (await metric.CountAsync(default)).Orders);
        await PlaceAsync("t-one", orders: 1);
        _clock.Now = _clock.Now.AddSeconds(15);
        Assert.Equal(1, (await metric.CountAsync(default)).Orders);
    }
}
