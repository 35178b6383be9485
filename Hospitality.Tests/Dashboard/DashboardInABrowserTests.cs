using Hospitality.Domain.Common;
using Hospitality.Domain.Devices;
using Hospitality.Domain.MachineOrders;
using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Demo;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hospitality.Tests.Dashboard;

/// <summary>The embedded demo on Kestrel with Chromium: a manager's dashboard follows a machine and its sales, live.</summary>
public sealed class DashboardInABrowserTests : IAsyncLifetime
{
    private readonly HospitalityHost _host = new(HostSetup.Demo());
    private readonly Browsers _browsers = new();
    private string _url = "";

    public async Task InitializeAsync()
    {
        _url = _host.StartOnKestrel();
        await _browsers.InitializeAsync();
    }

    private async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    [Fact]
    public async Task A_manager_sees_a_machine_come_online_run_low_and_sell_on_the_dashboard_without_reloading()
    {
        var page = await _browsers.NewDeviceAsync(1280, 1000);
        await page.GotoAsync($"{_url}/account/login?ReturnUrl={Uri.EscapeDataString("/dashboard")}");
        await page.FillAsync("#email", DemoSetup.ManagerEmail);
        await page.FillAsync("#password", DemoSetup.Password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator(".dashboard-page[data-interactive=true]")).ToBeVisibleAsync();
        // The demo's own machines are registered but silent here (the simulator is off in tests): none online yet.
        var online = page.Locator("[data-test=kpi-online-count]");
        await Assertions.Expect(online).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^0 of \d+ online$"));
        var machines = int.Parse((await online.TextContentAsync())!.Split(' ')[2]);

        // Elsewhere: a manager sets a machine up and it reports, low on beans, then sells.
        var manager = new Actor(DemoSetup.TenantId, "Maya Manager");
        var machine = (await SendAsync(new RegisterDeviceRequest(manager, "downtown", "Downtown espresso", "EX-200", "SN-DEMO-1"))).Device.Id;
        await SendAsync(new ConfigureDeviceBin(manager, machine, "beans", "BEANS", 1000, 200, null));
        var caller = new DeviceCaller(DemoSetup.TenantId, machine);
        await SendAsync(new ReportDeviceStatus(caller, 1, DeviceState.Idle, 92, Connectivity.Wifi, "2.1.0", [new BinLevel("beans", 120)], null));
        await SendAsync(new CreateMachineOrder(caller, "demo-1", [new("Latte", 2, "3.50"), new("Espresso", 1, "2.00")], null,
            PaymentMethod.Card, PaymentStatus.Paid, null, null, null));

        await Assertions.Expect(online).ToHaveTextAsync($"1 of {machines + 1} online");
        await Assertions.Expect(page.Locator("[data-test=kpi-low-stock] .value")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-test=revenue-USD]")).ToHaveTextAsync("9.00 USD");
        await Assertions.Expect(page.Locator("[data-test=chart-revenue-USD] svg path").First).ToBeAttachedAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "hospitality-dashboard.png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        await _browsers.DisposeAsync();
        await _host.DisposeAsync();
    }
}
