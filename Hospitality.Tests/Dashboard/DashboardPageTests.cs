using Bunit;
using Hospitality.Domain.Devices;
using Hospitality.Domain.MachineOrders;
using Hospitality.Domain.Tenancy;
using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Dashboard;

namespace Hospitality.Tests.Dashboard;

/// <summary>The dashboard page with the app's real handlers, publishers and live feed over the in-memory store: it follows changes made elsewhere.</summary>
public sealed class DashboardPageTests : InMemoryPages
{
    // RadzenChart measures its box in the browser; under bUnit it is told one, or its first render fails.
    public DashboardPageTests() =>
        JSInterop.Setup<Radzen.Blazor.Rendering.Rect>("Radzen.createChart", _ => true).SetResult(new() { Width = 600, Height = 260 });

    private Guid Machine(string serial) => Send(new RegisterDeviceRequest(Desk, Bar, "Bar espresso", "EX-200", serial)).Device.Id;

    private IRenderedComponent<DashboardPage> Open()
    {
        SignInAs("Manager", Policies.ViewBoard, Policies.OperateSessions, Policies.ManageVenue);
        var page = Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal("true", page.Find(".dashboard-page").GetAttribute("data-interactive")), Wait);
        return page;
    }

    private int Refreshes(IRenderedComponent<DashboardPage> page) => int.Parse(page.Find(".dashboard-page").GetAttribute("data-refreshes")!);

    private MachineOrderView Sell(Guid machine, string id) =>
        Send(new CreateMachineOrder(new DeviceCaller(Tenant, machine), id, [new("Latte", 2, "3.50"), new("Espresso", 1, "2.00")], null,
            PaymentMethod.Card, PaymentStatus.Paid, null, null, null));

    [Fact]
    public void A_machine_going_offline_elsewhere_drops_the_online_rate_on_an_open_dashboard_without_a_refresh()
    {
        var reporting = Machine("SN-1");
        Machine("SN-2");   // never reported: offline
        Send(new ReportDeviceStatus(new DeviceCaller(Tenant, reporting), 1, DeviceState.Idle, 92, Connectivity.Wifi, "2.1.0", [new BinLevel("beans", 640)], null));
        var page = Open();
        Assert.Equal("1 of 2 online", page.Find("[data-test=kpi-online-count]").TextContent);
        Assert.Contains("50%", page.Find("[data-test=kpi-online]").TextContent);

        // The heartbeat monitor (elsewhere) finds the machine silent.
        Send(new CheckDeviceHeartbeats(TimeSpan.Zero));
        page.WaitForAssertion(() =>
        {
            Assert.Equal("0 of 2 online", page.Find("[data-test=kpi-online-count]").TextContent);
            Assert.Contains("0%", page.Find("[data-test=kpi-online]").TextContent);
        }, Wait);
    }

    [Fact]
    public void A_machine_sale_and_its_refund_move_revenue_today_live_and_a_burst_of_pushes_is_read_about_once_a_second()
    {
        var machine = Machine("SN-1");
        var page = Open();
        Assert.Contains("0 machine", page.Find("[data-test=kpi-orders]").TextContent);

        var sale = Sell(machine, "s-1");
        page.WaitForAssertion(() => Assert.Equal("9.00 USD", page.Find("[data-test=revenue-USD]").TextContent), Wait);
        Send(new RefundMachineOrder(Desk, sale.Id, "2.00", "Cold"));
        page.WaitForAssertion(() =>
        {
            Assert.Equal("7.00 USD", page.Find("[data-test=revenue-USD]").TextContent);
            Assert.Contains("(2.00 refunded)", page.Find("[data-test=kpi-revenue]").TextContent);
        }, Wait);

        // Twenty sales in a row: the last is shown, after a handful of reads rather than twenty.
        var start = Refreshes(page);
        for (var i = 0; i < 20; i++) Sell(machine, $"burst-{i}");
        page.WaitForAssertion(() => Assert.Equal("187.00 USD", page.Find("[data-test=revenue-USD]").TextContent), Wait);
        Assert.True(Refreshes(page) - start <= 4, $"{Refreshes(page) - start} reads for 20 sales");
    }

    [Fact]
    public async Task A_custom_range_longer_than_allowed_shows_the_reason()
    {
        var page = Open();
        await page.InvokeAsync(() => page.Find("[data-test=dashboard-range]").Change("custom"));
        await page.InvokeAsync(() => page.Find("[data-test=dashboard-from]").Change("2020-01-01"));
        page.WaitForAssertion(() => Assert.Contains("at most 92 days", page.Find("[data-test=dashboard-error]").TextContent), Wait);
    }

    [Fact]
    public async Task The_page_says_whose_days_it_counts_today_at_each_venue_for_every_location_and_the_locations_own_for_one()
    {
        Send(new SetLocationTimeZone(Desk, Bar, "America/New_York"));
        var page = Open();
        var days = page.Find("[data-test=dashboard-days]").TextContent;
        Assert.Contains("Today at each venue: every location counts its own local day", days);
        Assert.Contains("Without a time zone, counted in UTC: Terrace.", days);

        await page.InvokeAsync(() => page.Find("[data-test=dashboard-location]").Change(Bar));
        page.WaitForAssertion(() => Assert.Contains("Days are Bar's local days (America/New_York).", page.Find("[data-test=dashboard-days]").TextContent), Wait);
    }
}
