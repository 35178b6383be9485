using Bunit;
using Hospitality.Domain.Alarms;
using Hospitality.Domain.Devices;
using Hospitality.Domain.Tenancy;
using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Alarms;
using Hospitality.Web.Devices;

namespace Hospitality.Tests.Alarms;

/// <summary>The Alarms page and the Machines page's alarm count, with the app's real handlers, alarm watch and live feed over the in-memory store.</summary>
public sealed class AlarmsPageTests : InMemoryPages
{
    private Guid MachineWithBeans(string location = Bar)
    {
        var id = Send(new RegisterDeviceRequest(Desk, location, "Bar espresso", "EX-200", "SN-1")).Device.Id;
        Send(new ConfigureDeviceBin(Desk, id, "beans", "BEANS", 1000, 200, 0));
        return id;
    }

    private void Report(Guid id, long sequence, long beans) =>
        Send(new ReportDeviceStatus(new DeviceCaller(Tenant, id), sequence, DeviceState.Idle, 92, null, null, [new BinLevel("beans", beans)], null));

    [Fact]
    public async Task A_bin_running_low_appears_live_once_staff_acknowledge_it_and_a_refill_clears_it()
    {
        var id = MachineWithBeans();
        Report(id, 1, 900);
        SignInAs("Staff", Policies.ViewBoard, Policies.OperateSessions);
        var page = Render<AlarmsPage>();
        page.WaitForAssertion(() => Assert.Equal("true", page.Find(".alarms-page").GetAttribute("data-interactive")), Wait);
        Assert.Empty(page.FindAll("[data-test=alarm]"));

        Report(id, 2, 150);   // elsewhere: the page follows without a reload
        Report(id, 3, 120);
        page.WaitForAssertion(() =>
        {
            var alarm = Assert.Single(page.FindAll("[data-test=alarm]"));
            Assert.Equal((nameof(AlarmKind.LowStock), "Open"), (alarm.GetAttribute("data-kind"), alarm.GetAttribute("data-state")));
            Assert.Contains("seen 2 times", alarm.TextContent);
        }, Wait);

        await page.InvokeAsync(() => page.Find("[data-test=alarm-acknowledge]").Click());
        page.WaitForAssertion(() => Assert.Equal("Acknowledged", page.Find("[data-test=alarm-state]").TextContent), Wait);

        Report(id, 4, 1000);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-test=alarm]")), Wait);   // cleared: resolved, out of the unresolved list
    }

    [Fact]
    public void A_viewer_sees_alarms_without_acknowledge_or_resolve_buttons()
    {
        Send(new RaiseAlarm(Tenant, MachineWithBeans(), AlarmKind.CommandFailed, "restart#1", "The restart failed."));
        SignInAs("Viewer", Policies.ViewBoard);
        var page = Render<AlarmsPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-test=alarm]")), Wait);
        Assert.Empty(page.FindAll("[data-test=alarm-acknowledge]"));
        Assert.Empty(page.FindAll("[data-test=alarm-resolve]"));
    }

    [Fact]
    public void The_machines_page_shows_each_bins_fill_marks_a_low_one_and_counts_unresolved_alarms_live()
    {
        var id = MachineWithBeans();
        Report(id, 1, 600);
        SignInAs("Staff", Policies.ViewBoard, Policies.OperateSessions);
        var page = Render<DevicesPage>();
        page.WaitForAssertion(() => Assert.Equal("true", page.Find(".devices-page").GetAttribute("data-interactive")), Wait);
        Assert.Equal("false", page.Find("[data-test=device-stock]").GetAttribute("data-low"));
        Assert.Equal("width: 60%", page.Find("[data-test=device-stock] .bar").GetAttribute("style"));
        Assert.Equal("0 unresolved alarms", page.Find("[data-test=open-alarms]").TextContent);

        Report(id, 2, 100);
        page.WaitForAssertion(() =>
        {
            Assert.Equal("true", page.Find("[data-test=device-stock]").GetAttribute("data-low"));
            Assert.Equal("Low: under 200", page.Find("[data-test=device-stock-low]").TextContent);
            Assert.Equal("1 unresolved alarm", page.Find("[data-test=open-alarms]").TextContent);
            Assert.Equal("1", page.Find("[data-test=device-alarms]").TextContent);
        }, Wait);
    }
}
