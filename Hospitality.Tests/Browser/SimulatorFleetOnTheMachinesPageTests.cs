using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hospitality.Tests.Browser;

/// <summary>
/// The embedded demo with its simulator running (on short intervals): a manager watches the Machines page while a
/// machine goes silent, another runs low on cups, and a command they send is carried out by the simulated machine; the
/// KPI dashboard, open beside it, shows the machine offline and the low bin too.
/// </summary>
public sealed class SimulatorFleetOnTheMachinesPageTests : IAsyncLifetime
{
    // 1.5 s keeps the busiest machine (a sale at almost every report) under its 120 calls a minute.
    private readonly HospitalityHost _host = new(HostSetup.Demo().With(("Simulator:Enabled", "true"), ("Simulator:Interval", "00:00:01.500"),
        ("Simulator:CompleteAfter", "00:00:01"), ("Devices:OfflineAfter", "00:00:04"), ("Devices:CheckEvery", "00:00:01")));
    private readonly Browsers _browsers = new();
    private string _url = "";

    public async Task InitializeAsync()
    {
        _url = _host.StartOnKestrel();
        await _browsers.InitializeAsync();
    }

    [Fact]
    public async Task A_manager_sees_a_machine_go_offline_a_bin_run_low_and_a_command_succeed_live()
    {
        var fleet = await _host.Services.GetRequiredService<DemoFleet>().Running.WaitAsync(TimeSpan.FromSeconds(30));
        var page = await _browsers.NewDeviceAsync(1280, 1000);
        await page.GotoAsync($"{_url}/account/login?ReturnUrl={Uri.EscapeDataString("/devices")}");
        await page.FillAsync("#email", DemoSetup.ManagerEmail);
        await page.FillAsync("#password", DemoSetup.Password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator(".devices-page[data-interactive=true]")).ToBeVisibleAsync();
        var bar = Card(page, "Downtown bar espresso");
        var busy = Card(page, MachineDemo.BusyMachine);
        await Assertions.Expect(bar.Locator("[data-test=device-online]")).ToHaveTextAsync("Online");
        await Assertions.Expect(busy.Locator("[data-test=device-online]")).ToHaveTextAsync("Online");
        // The managers' KPI dashboard, open beside it in the same session.
        var dashboard = await page.Context.NewPageAsync();
        await dashboard.GotoAsync($"{_url}/dashboard");
        await Assertions.Expect(dashboard.Locator(".dashboard-page[data-interactive=true]")).ToBeVisibleAsync();
        var online = dashboard.Locator("[data-test=kpi-online-count]");
        await Assertions.Expect(online).ToHaveTextAsync("3 of 3 online");

        // Unplugged: the heartbeat check marks it offline and the card turns, without a reload.
        fleet["Downtown bar espresso"].GoSilent();
        await Assertions.Expect(bar.Locator("[data-test=device-online]")).ToHaveTextAsync("Offline");
        await Assertions.Expect(bar).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\boffline\\b"));
        await Assertions.Expect(online).ToHaveTextAsync("2 of 3 online");   // the dashboard follows too, without a reload
        await Shot(page, "offline");

        // The busy machine sells its cups down under the threshold: the bin is marked low and an alarm is counted.
        var cups = busy.Locator("[data-test=device-stock][data-bin=cups]");
        await Assertions.Expect(cups).ToHaveAttributeAsync("data-low", "true", new() { Timeout = 60_000 });
        await Assertions.Expect(cups.Locator("[data-test=device-stock-low]")).ToBeVisibleAsync();
        await Assertions.Expect(busy.Locator("[data-test=device-alarms]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=open-alarms]")).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^0 "));
        await Assertions.Expect(dashboard.Locator("[data-test=kpi-low-stock] .value")).Not.ToHaveTextAsync("0");
        await dashboard.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "hospitality-simulator-dashboard.png"), FullPage = true });
        await Shot(page, "low-bin");

        // A clean from the card: acknowledged by the simulated machine, then succeeded, and the refilled bin is no longer low.
        await busy.Locator("[data-test=command-kind]").SelectOptionAsync("Clean");
        await busy.Locator("[data-test=command-send]").ClickAsync();
        await Assertions.Expect(busy.Locator("[data-test=device-command-status]")).ToHaveTextAsync("Succeeded");
        await Assertions.Expect(cups).ToHaveAttributeAsync("data-low", "false");
        await Shot(page, "command-succeeded");

        fleet["Downtown bar espresso"].ComeBack();
        await Assertions.Expect(bar.Locator("[data-test=device-online]")).ToHaveTextAsync("Online");
    }

    private static ILocator Card(IPage page, string name) =>
        page.Locator("[data-test=device]", new() { Has = page.Locator(".name", new() { HasTextString = name }) });

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"hospitality-simulator-{name}.png"), FullPage = true });

    public async Task DisposeAsync()
    {
        await _browsers.DisposeAsync();
        await _host.DisposeAsync();
    }
}
