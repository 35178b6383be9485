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
    public void A_machine_that_restarts_shows_it_on_its_card_live()
    {
        var machine = Send(new RegisterDeviceRequest(Desk, Bar, "Bar espresso", "EX-200", "SN-1")).Device;
        var caller = new DeviceCaller(Tenant, machine.Id);
        Send(new ReportDeviceStatus(caller, 40, DeviceState.Brewing, 93, null, null, [], null, "boot-1"));
        SignInAs("Viewer", Policies.ViewBoard);
        var page = Render<DevicesPage>();
        page.WaitForAssertion(() => Assert.Equal("Brewing", page.Find("[data-test=device-state]").TextContent), Wait);
        Assert.Empty(page.FindAll("[data-test=device-restarted]"));

        Send(new ReportDeviceStatus(caller, 1, DeviceState.Cleaning, 90, null, null, [], null, "boot-2"));
        page.WaitForAssertion(() =>
        {
            Assert.Equal("Cleaning", page.Find("[data-test=device-state]").TextContent);
            Assert.Equal("Just now", page.Find("[data-test=device-restarted]").TextContent);
            Assert.Contains("boot-2", page.Find("[data-test=device-restarted]").GetAttribute("title"));
        }, Wait);
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

    [Fact]
    public void Staff_send_a_command_from_the_card_and_watch_it_delivered_only_once_the_machine_acknowledges()
    {
        var machine = Send(new RegisterDeviceRequest(Desk, Bar, "Bar espresso", "EX-200", "SN-1")).Device;
        var caller = new DeviceCaller(Tenant, machine.Id);
        SignInAs("Staff", Policies.ViewBoard, Policies.OperateSessions);
        var page = Render<DevicesPage>();
        page.WaitForAssertion(() => Assert.Equal("true", page.Find(".devices-page").GetAttribute("data-interactive")), Wait);

        Act(page, p => p.Find("[data-test=command-kind]").Change(nameof(Hospitality.Domain.RemoteCommands.CommandKind.Clean)));
        Act(page, p => p.Find("[data-test=command-send]").Click());
        page.WaitForAssertion(() => Assert.Equal("Queued", page.Find("[data-test=device-command-status]").TextContent), Wait);
        Assert.Contains("Clean", page.Find("[data-test=device-command]").TextContent);

        var taken = Assert.Single(Send(new Hospitality.Domain.RemoteCommands.TakeDueCommands(caller, "poll")));
        page.WaitForAssertion(() => Assert.Equal("Sent, waiting for the machine", page.Find("[data-test=device-command-status]").TextContent), Wait);
        Send(new Hospitality.Domain.RemoteCommands.AcknowledgeCommand(caller, taken.Id));
        page.WaitForAssertion(() => Assert.Equal("Received by the machine", page.Find("[data-test=device-command-status]").TextContent), Wait);
        Send(new Hospitality.Domain.RemoteCommands.CompleteCommand(caller, taken.Id, true, null));
        page.WaitForAssertion(() => Assert.Equal("Succeeded", page.Find("[data-test=device-command-status]").TextContent), Wait);
    }

    [Fact]
    public void A_batch_to_every_machine_shown_has_a_progress_bar_that_fills_live()
    {
        var callers = Enumerable.Range(1, 2).Select(i => new DeviceCaller(Tenant, Send(new RegisterDeviceRequest(Desk, Bar, $"Machine {i}", "EX-200", $"SN-{i}")).Device.Id)).ToList();
        SignInAs("Staff", Policies.ViewBoard, Policies.OperateSessions);
        var page = Render<DevicesPage>();
        page.WaitForAssertion(() => Assert.Equal("true", page.Find(".devices-page").GetAttribute("data-interactive")), Wait);
        Act(page, p => p.Find("[data-test=batch-send]").Click());
        page.WaitForAssertion(() => Assert.Contains("0 of 2 done", page.Find("[data-test=batch-progress]").TextContent), Wait);

        foreach (var caller in callers)
            foreach (var command in Send(new Hospitality.Domain.RemoteCommands.TakeDueCommands(caller, "poll")))
                Send(new Hospitality.Domain.RemoteCommands.CompleteCommand(caller, command.Id, true, null));
        page.WaitForAssertion(() => Assert.Contains("2 of 2 done · 2 succeeded", page.Find("[data-test=batch-progress]").TextContent), Wait);
    }
}
