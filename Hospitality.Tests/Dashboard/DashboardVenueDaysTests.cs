using Hospitality.Domain.Common;
using Hospitality.Domain.Dashboard;
using Hospitality.Domain.Tenancy;
using Hospitality.Tests.EventStore;
using static Hospitality.Tests.Dashboard.DashboardSeed;

namespace Hospitality.Tests.Dashboard;

/// <summary>
/// The dashboard's days are the venues' local days: a location's own, and for every location "today at each venue", each
/// location counting its own day. The Bar is in New York; the Terrace, when a test says so, in Dubai.
/// </summary>
public sealed class DashboardVenueDaysTests : IAsyncLifetime
{
    private static readonly Actor Manager = new(Cloud, "Maya");
    private static readonly TimeSpan Edt = TimeSpan.FromHours(-4), Est = TimeSpan.FromHours(-5), Gst = TimeSpan.FromHours(4);
    private DashboardSeed _seed = default!;

    public async Task InitializeAsync()
    {
        _seed = await CreateAsync();
        await SetZoneAsync(Bar, "America/New_York");
    }

    public async Task DisposeAsync() => await _seed.DisposeAsync();

    private Task SetZoneAsync(string location, string zone) =>
        new LocationChargesHandlers(_seed.Store).Handle(new SetLocationTimeZone(Manager, location, zone), default);

    private Task<DashboardSummary> SummaryAsync(DateTimeOffset now, DateOnly? from = null, DateOnly? to = null, string? location = null) =>
        new DashboardSummaryHandler(_seed.Store, new FixedClock(now)).Handle(new GetDashboardSummary(Manager, from, to, location), default);

    private static DateTimeOffset At(int month, int day, int hour, int minute, TimeSpan offset) => new(2030, month, day, hour, minute, 0, offset);

    private static DateOnly Day(int month, int day) => new(2030, month, day);

    [Fact]
    public async Task An_order_at_nine_in_the_evening_in_new_york_counts_on_that_local_day_not_the_next()
    {
        await _seed.OrderAsync(Cloud, Bar, "USD", 2100, At(6, 14, 21, 0, Edt));   // 01:00 UTC on the 15th
        await _seed.OrderAsync(Cloud, Bar, "USD", 800, At(6, 14, 8, 0, Edt));
        await _seed.OrderAsync(Cloud, Bar, "USD", 2330, At(6, 13, 23, 30, Edt));   // 03:30 UTC on the 14th
        await _seed.SaleAsync(Cloud, Bar, 450, At(6, 14, 20, 30, Edt));
        await _seed.SessionAsync(Cloud, Bar, At(6, 14, 20, 0, Edt));

        var summary = await SummaryAsync(At(6, 14, 21, 30, Edt), location: Bar);

        Assert.Equal((Day(6, 14), Day(6, 8), Day(6, 14), "America/New_York"), (summary.Today, summary.From, summary.To, summary.TimeZone));
        var today = summary.Sales!.Today;
        Assert.Equal((Day(6, 14), 2, 1, 3350L), (today.Day, today.Orders, today.MachineSales, today.Revenue.Single().TotalMinor));
        Assert.Equal([0, 0, 0, 0, 0, 1, 2], summary.Sales.PerDay.Select(d => d.Orders));
        Assert.Equal([0, 0, 0, 0, 0, 0, 1], summary.Sessions!.StartedPerDay.Select(d => d.Count));
    }

    [Fact]
    public async Task The_short_and_the_long_day_of_daylight_saving_hold_what_happened_on_them_locally()
    {
        await _seed.OrderAsync(Cloud, Bar, "USD", 100, At(3, 9, 23, 59, Est));    // 04:59 UTC on the 10th
        await _seed.OrderAsync(Cloud, Bar, "USD", 100, At(3, 10, 0, 30, Est));
        await _seed.OrderAsync(Cloud, Bar, "USD", 100, At(3, 10, 23, 30, Edt));   // 03:30 UTC on the 11th: 23 hours after midnight
        await _seed.OrderAsync(Cloud, Bar, "USD", 100, At(11, 3, 0, 30, Edt));    // 04:30 UTC
        await _seed.OrderAsync(Cloud, Bar, "USD", 100, At(11, 3, 23, 30, Est));   // 04:30 UTC the next day: 25 hours after midnight
        await _seed.OrderAsync(Cloud, Bar, "USD", 100, At(11, 4, 0, 30, Est));

        var spring = await SummaryAsync(At(11, 10, 12, 0, Est), Day(3, 9), Day(3, 11), Bar);
        var autumn = await SummaryAsync(At(11, 10, 12, 0, Est), Day(11, 2), Day(11, 4), Bar);

        Assert.Equal([1, 2, 0], spring.Sales!.PerDay.Select(d => d.Orders));
        Assert.Equal([0, 2, 1], autumn.Sales!.PerDay.Select(d => d.Orders));
    }

    [Fact]
    public async Task Every_location_sums_today_at_each_venue_and_sorts_each_ones_sales_into_its_own_local_days()
    {
        await SetZoneAsync(Terrace, "Asia/Dubai");
        var now = At(6, 15, 2, 0, TimeSpan.Zero);   // 22:00 on the 14th in New York, 06:00 on the 15th in Dubai
        await _seed.OrderAsync(Cloud, Bar, "USD", 2100, At(6, 14, 21, 0, Edt));
        await _seed.OrderAsync(Cloud, Bar, "USD", 1000, At(6, 14, 10, 0, Edt));
        await _seed.OrderAsync(Cloud, Terrace, "AED", 500, At(6, 15, 1, 0, Gst));
        await _seed.OrderAsync(Cloud, Terrace, "AED", 700, At(6, 14, 23, 0, Gst));

        var every = await SummaryAsync(now, Day(6, 14), Day(6, 15));
        var past = await SummaryAsync(now, Day(6, 1), Day(6, 1));

        Assert.Equal((Day(6, 15), (string?)null), (every.Today, every.TimeZone));
        Assert.Equal(3, every.Sales!.Today.Orders);   // New York's two of its 14th, Dubai's one of its 15th
        Assert.Equal(["AED 500", "USD 3100"], every.Sales.Today.Revenue.Select(r => $"{r.Currency} {r.TotalMinor}"));
        Assert.Equal([3, 1], every.Sales.PerDay.Select(d => d.Orders));
        Assert.Equal((3, 0), (past.Sales!.Today.Orders, past.Sales.PerDay.Single().Orders));   // today read on its own
    }

    [Fact]
    public async Task A_location_without_a_time_zone_keeps_utc_days_and_the_future_is_today_at_the_venues()
    {
        await _seed.OrderAsync(Cloud, Terrace, "AED", 500, At(6, 14, 23, 0, TimeSpan.Zero));
        var now = At(6, 15, 1, 0, TimeSpan.Zero);   // 21:00 on the 14th in New York

        var terrace = await SummaryAsync(now, location: Terrace);
        var refused = await Assert.ThrowsAsync<Domain.DomainException>(() => SummaryAsync(now, Day(6, 15), Day(6, 15), Bar));

        Assert.Equal((Day(6, 15), "UTC", 0), (terrace.Today, terrace.TimeZone, terrace.Sales!.Today.Orders));
        Assert.Equal("'from' (2030-06-15) is in the future; today at the venues is 2030-06-14.", refused.Message);
    }
}
