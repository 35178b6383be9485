using Bunit;
using Hospitality.Domain.Devices;
using Hospitality.Domain.Tenancy;
using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Devices;

namespace Hospitality.Tests.Devices;

/// <summary>The Machines page with the app's real handlers and live feed over the in-memory store.</summary>
public sealed class DevicesPageTests : InMemoryPages
{
    private static void Act(IRenderedComponent<DevicesPage> page, Action<IRenderedComponent<DevicesPage>> act) =>
        page.InvokeAsync(() => act(page)).GetAwaiter().GetResult();

    [Fact]
    public void A_manager_registers_a_machine_sees_its_token_once_and_watches_it_come_online_and_go_offline_live()
    {
        SignInAs("Manager", Policies.ViewBoard, Policies.OperateSessions, Policies.ManageVenue);
        var page = Render<DevicesPage>();
        page.WaitForAssertion(() => Assert.Equal("true", page.Find(".devices-page").GetAttribute("data-interactive")), Wait);

        Act(page, p => p.Find("[data-test=register-name]").Change("Bar espresso"));
        Act(page, p => p.Find("[data-test=register-model]").Change("EX-200"));
        Act(page, p => p.Find("[data-test=register-serial]").Change("SN-42"));
        Act(page, p => p.Find("[data-test=register-device]").Submit());
        var token = "";
        page.WaitForAssertion(() => token = page.Find("[data-test=device-token-value]").GetAttribute("value")!, Wait);
        Assert.StartsWith($"{Tenant}.", token);
        var id = Guid.Parse(page.Find("[data-test=device]").GetAttribute("data-id")!);
        Assert.Equal("Offline", page.Find("[data-test=device-online]").TextContent);

        // The machine reports (elsewhere): the card follows without a reload.
        Send(new ReportDeviceStatus(new DeviceCaller(Tenant, id), 1, DeviceState.Brewing, 93.5, Connectivity.Wifi, "2.1.0", [new BinLevel("beans", 640)], null));
        page.WaitForAssertion(() =>
        {
            Assert.Equal("Online", page.Find("[data-test=device-online]").TextContent);
            Assert.Equal("Brewing", page.Find("[data-test=device-state]").TextContent);
            Assert.Equal("93.5 °C", page.Find("[data-test=device-temperature]").TextContent);
            Assert.Equal("1 of 1 online", page.Find("[data-test=online-rate]").TextContent);
        }, Wait);

        Send(new CheckDeviceHeartbeats(TimeSpan.Zero));
        page.WaitForAssertion(() => Assert.Equal("Offline", page.Find("[data-test=device-online]").TextContent), Wait);
    }

    [Fact]
    public void A_viewer_sees_machines_but_cannot_register_or_touch_tokens()
    {
        Send(new RegisterDeviceRequest(Desk, Bar, "Bar espresso", "EX-200", "SN-1"));
        SignInAs("Viewer", Policies.ViewBoard);
        var page = Render<DevicesPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-test=device]")), Wait);
        Assert.Empty(page.FindAll("[data-test=register-device]"));
        Assert.Empty(page.FindAll("[data-test=device-revoke-token]"));
    }
}
