using Hospitality.Domain;
using Hospitality.Domain.Alarms;
using Hospitality.Domain.Common;
using Hospitality.Domain.Dashboard;
using Hospitality.Domain.MachineOrders;
using Hospitality.Tests.EventStore;
using static Hospitality.Tests.Dashboard.DashboardSeed;

namespace Hospitality.Tests.Dashboard;

/// <summary>The dashboard query's numbers over a seeded in-memory store, at a fixed "now" (15:00 UTC on 10 March 2030).</summary>
public sealed class DashboardSummaryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2030, 3, 10, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2030, 3, 10), Yesterday = Today.AddDays(-1);
    private static readonly Actor Manager = new(Cloud, "Maya");
    private DashboardSeed _seed = default!;

    public async Task InitializeAsync()
    {
        _seed = await CreateAsync();
        var yesterday = Now.AddDays(-1);
        await _seed.SessionAsync(Cloud, Bar, Now.AddHours(-1));
        await _seed.SessionAsync(Cloud, Bar, Now.AddHours(-5));
        await _seed.SessionAsync(Cloud, Terrace, yesterday.AddHours(5), ended: true);
        await _seed.SessionAsync(Cloud, Bar, Now.AddDays(-3), ended: true);
        await _seed.RoomAsync(Cloud, Bar, Now);
        await _seed.RoomAsync(Cloud, Bar, Now, finalized: true);
        await _seed.RoomAsync(Cloud, Terrace, Now);

        await _seed.OrderAsync(Cloud, Bar, "USD", 1000, Now.AddHours(-2));
        await _seed.OrderAsync(Cloud, Bar, "USD", 500, Now.AddHours(-2), cancelled: true);
        await _seed.OrderAsync(Cloud, Terrace, "AED", 2000, yesterday);
        await _seed.OrderAsync(Cloud, Bar, "USD", 700, Now.AddDays(-4));   // before the range
        await _seed.SaleAsync(Cloud, Bar, 900, Now.AddHours(-1));
        await _seed.SaleAsync(Cloud, Bar, 700, Now.AddHours(-1), refunds: 200);
        await _seed.SaleAsync(Cloud, Bar, 300, Now.AddHours(-1), PaymentStatus.Failed);
        await _seed.SaleAsync(Cloud, Bar, 400, yesterday, refunds: 400);
        await _seed.SaleAsync(Cloud, Terrace, 1500, Now.AddHours(-3), currency: "AED");

        await _seed.MachineAsync(Cloud, Bar, online: true, beans: 50, Now);
        await _seed.MachineAsync(Cloud, Bar, online: false, beans: 500, Now);
        await _seed.MachineAsync(Cloud, Terrace, online: true, beans: 20, Now);
        await _seed.AlarmAsync(Cloud, Bar, AlarmKind.LowStock, Now);
        await _seed.AlarmAsync(Cloud, Terrace, AlarmKind.LowStock, Now, acknowledged: true);
        await _seed.AlarmAsync(Cloud, Bar, AlarmKind.DeviceOffline, Now);
        await _seed.AlarmAsync(Cloud, Bar, AlarmKind.TemperatureOutOfRange, Now, resolved: true);

        // The rival's location is also called "bar": none of this may show in Cloud's figures.
        await _seed.SessionAsync(Rival, Bar, Now.AddHours(-1));
        await _seed.RoomAsync(Rival, Bar, Now);
        await _seed.OrderAsync(Rival, Bar, "USD", 99_999, Now.AddHours(-1));
        await _seed.SaleAsync(Rival, Bar, 5_000, Now.AddHours(-1));
        await _seed.MachineAsync(Rival, Bar, online: false, beans: 1, Now);
        await _seed.AlarmAsync(Rival, Bar, AlarmKind.CommandFailed, Now);
    }

    public async Task DisposeAsync() => await _seed.DisposeAsync();

    private Task<DashboardSummary> SummaryAsync(Actor actor, DateOnly from, DateOnly to, string? location = null, DashboardParts parts = DashboardParts.All) =>
        new DashboardSummaryHandler(_seed.Store, new FixedClock(Now)).Handle(new GetDashboardSummary(actor, from, to, location, parts), default);

    private static string Revenue(SalesDay day) =>
        string.Join("; ", day.Revenue.Select(r => $"{r.Currency} {r.Total} = {r.Orders} + {r.Machine} (refunded {r.Refunded})"));

    [Fact]
    public async Task The_business_now_and_per_day_counts_live_sessions_open_rooms_sales_net_of_refunds_per_currency_machines_and_alarms()
    {
        var summary = await SummaryAsync(Manager, Today.AddDays(-3), Today);

        Assert.Equal((Today, 2), (summary.Today, summary.Sessions!.Active));
        Assert.Equal([1, 0, 1, 2], summary.Sessions.StartedPerDay.Select(d => d.Count));
        Assert.Equal(2, summary.Rooms!.Open);

        var today = summary.Sales!.Today;
        Assert.Equal((1, 1, 2 + 1, 1), (today.Orders, today.CancelledOrders, today.MachineSales, today.RefundedSales));
        Assert.Equal("AED 15.00 = 0.00 + 15.00 (refunded 0.00); USD 24.00 = 10.00 + 14.00 (refunded 2.00)", Revenue(today));
        Assert.Equal([Today.AddDays(-3), Today.AddDays(-2), Yesterday, Today], summary.Sales.PerDay.Select(d => d.Day));
        var yesterday = summary.Sales.PerDay[2];
        Assert.Equal((1, 1, 1), (yesterday.Orders, yesterday.MachineSales, yesterday.RefundedSales));
        Assert.Equal("AED 20.00 = 20.00 + 0.00 (refunded 0.00); USD 0.00 = 0.00 + 0.00 (refunded 4.00)", Revenue(yesterday));
        Assert.Equal((today.Day, today.Orders, today.MachineSales, Revenue(today)), (summary.Sales.PerDay[^1].Day, summary.Sales.PerDay[^1].Orders,
            summary.Sales.PerDay[^1].MachineSales, Revenue(summary.Sales.PerDay[^1])));
        Assert.Empty(summary.Sales.PerDay[0].Revenue);

        Assert.Equal(FleetKpis.Of(3, 2, 2), summary.Fleet);
        Assert.Equal(66, summary.Fleet!.OnlinePercent);
        Assert.Equal(3, summary.Alarms!.Open);
        Assert.Equal([(AlarmKind.DeviceOffline, 1), (AlarmKind.TemperatureOutOfRange, 0), (AlarmKind.LowStock, 2), (AlarmKind.CommandFailed, 0)],
            summary.Alarms.ByKind.Select(k => (k.Kind, k.Open)));
    }

    [Fact]
    public async Task A_location_filter_and_staff_bound_to_a_location_see_that_location_only()
    {
        var bar = await SummaryAsync(Manager, Today, Today, Bar);
        var terraceStaff = await SummaryAsync(Manager with { LocationId = Terrace }, Today.AddDays(-1), Today);

        Assert.Equal((2, 1, FleetKpis.Of(2, 1, 1), 2), (bar.Sessions!.Active, bar.Rooms!.Open, bar.Fleet, bar.Alarms!.Open));
        Assert.Equal("USD 24.00 = 10.00 + 14.00 (refunded 2.00)", Revenue(bar.Sales!.Today));
        Assert.Equal((0, 1, FleetKpis.Of(1, 1, 1), 1), (terraceStaff.Sessions!.Active, terraceStaff.Rooms!.Open, terraceStaff.Fleet, terraceStaff.Alarms!.Open));
        Assert.Equal("AED 15.00 = 0.00 + 15.00 (refunded 0.00)", Revenue(terraceStaff.Sales!.Today));
        Assert.Equal([1, 0], terraceStaff.Sessions.StartedPerDay.Select(d => d.Count));

        var elsewhere = await Assert.ThrowsAsync<DomainException>(() => SummaryAsync(Manager with { LocationId = Terrace }, Today, Today, Bar));
        Assert.Equal(DomainErrorKind.NotFound, elsewhere.Kind);
        Assert.Equal(DomainErrorKind.NotFound, (await Assert.ThrowsAsync<DomainException>(() => SummaryAsync(Manager, Today, Today, "rooftop"))).Kind);
    }

    [Fact]
    public async Task Another_tenant_sees_only_its_own_figures_at_a_location_of_the_same_id()
    {
        var rival = await SummaryAsync(new Actor(Rival, "Rita"), Today, Today, Bar);

        Assert.Equal((1, 1, FleetKpis.Of(1, 0, 1), 1), (rival.Sessions!.Active, rival.Rooms!.Open, rival.Fleet, rival.Alarms!.Open));
        Assert.Equal("USD 1049.99 = 999.99 + 50.00 (refunded 0.00)", Revenue(rival.Sales!.Today));
    }

    [Fact]
    public async Task A_past_range_has_its_own_days_and_today_from_a_read_of_its_own()
    {
        var summary = await SummaryAsync(Manager, Today.AddDays(-4), Today.AddDays(-4), parts: DashboardParts.Sales);

        Assert.Equal("USD 7.00 = 7.00 + 0.00 (refunded 0.00)", Revenue(Assert.Single(summary.Sales!.PerDay)));
        Assert.Equal("AED 15.00 = 0.00 + 15.00 (refunded 0.00); USD 24.00 = 10.00 + 14.00 (refunded 2.00)", Revenue(summary.Sales.Today));
        Assert.Equal((null, null, null, null), (summary.Sessions, summary.Rooms, summary.Fleet, summary.Alarms));
    }

    [Theory]
    [InlineData("2030-03-10", "2030-03-09", "'to' (2030-03-09) must be on or after 'from' (2030-03-10).")]
    [InlineData("2029-12-01", "2030-03-10", "A dashboard covers at most 92 days; 2029-12-01 to 2030-03-10 is 100.")]
    [InlineData("2030-03-11", "2030-03-12", "'from' (2030-03-11) is in the future; today at the venues is 2030-03-10.")]
    [InlineData("10/03/2030", null, "'from' must be a date like 2026-03-01; it was '10/03/2030'.")]
    public void A_reversed_too_long_future_or_unreadable_range_is_refused_with_a_sentence(string? from, string? to, string message)
    {
        var refused = Assert.Throws<DomainException>(() => DashboardRange.Read(from, to, Today));
        Assert.Equal((DomainErrorKind.Invalid, message), (refused.Kind, refused.Message));
    }

    [Fact]
    public void Without_dates_the_range_is_the_last_seven_days_and_ninety_two_days_are_allowed()
    {
        var week = DashboardRange.Read(null, null, Today);
        Assert.Equal((Today.AddDays(-6), Today, 7), (week.From, week.To, week.Days));
        Assert.Equal(92, DashboardRange.Read("2029-12-09", "2030-03-10", Today).Days);
    }
}
