using Hospitality.Domain.Tenancy;
using Hospitality.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hospitality.Tests.Browser;

/// <summary>
/// The main flow in real browsers: two staff screens on two different web servers (sharing PostgreSQL and
/// Redis) see each other's refill changes at once, without a reload.
/// </summary>
public sealed class LiveBoardAcrossServersTests : IAsyncLifetime
{
    private readonly Browsers _browsers = new();
    private HospitalityHost _a = default!, _b = default!;
    private string _urlA = "", _urlB = "";
    private SeededTenant _tenant = default!;

    public async Task InitializeAsync()
    {
        var setup = HostSetup.Cluster();
        _a = new HospitalityHost(setup);
        _b = new HospitalityHost(setup.SecondServer());
        _urlA = _a.StartOnKestrel();
        _urlB = _b.StartOnKestrel();
        _tenant = await _a.SeedTenantAsync("Cloud Nine", ("downtown", "harbor"));
        await _browsers.InitializeAsync();
    }

    [Fact]
    public async Task Two_staff_screens_on_two_servers_see_a_refill_flow_live()
    {
        var board = "/locations/downtown/board";
        var bar = await _browsers.NewDeviceAsync();
        var tablet = await _browsers.NewDeviceAsync(820, 1180);
        await bar.SignInAsync(_urlA, _tenant.Account(StaffRole.Staff).Email, board);
        await tablet.SignInAsync(_urlB, _tenant.Account(StaffRole.Manager).Email, board);
        await bar.WaitForLiveBoardAsync();
        await tablet.WaitForLiveBoardAsync();

        // Start a session on server A through the dialog; it appears on server B's board.
        await bar.ClickAsync("#start-session");
        await bar.FillAsync("#start-table", "12");
        await bar.FillAsync("#start-custom-flavor", "Double Apple");
        await bar.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await bar.ClickAsync("#start-confirm");
        var onTablet = tablet.Locator(".session-card", new() { HasText = "Table 12" });
        await Assertions.Expect(onTablet).ToBeVisibleAsync(new() { Timeout = 10000 });
        await Assertions.Expect(onTablet.Locator(".customer-name")).ToHaveTextAsync("Staff Customer");

        // Refill on A: B's card turns to a green "Complete Refill".
        var onBar = bar.Locator(".session-card", new() { HasText = "Table 12" });
        await onBar.Locator("button.refill").ClickAsync();
        await Assertions.Expect(onTablet.Locator("button.refill")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Complete Refill"), new() { Timeout = 10000 });
        await Assertions.Expect(onTablet.Locator(".status")).ToHaveTextAsync("Needs refill");
        Assert.Equal("rgb(46, 125, 50)", await onTablet.Locator("button.refill").EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));

        // Complete it on B: A's card is active again with an orange "Refill".
        await onTablet.Locator("button.refill").ClickAsync();
        await Assertions.Expect(onBar.Locator(".status")).ToHaveTextAsync("Active", new() { Timeout = 10000 });
        await Assertions.Expect(onBar.Locator("button.refill")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^\\W*\\w*Refill$"));
        Assert.Equal("rgb(245, 124, 0)", await onBar.Locator("button.refill").EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));
        await bar.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "hospitality-board-a.png"), FullPage = true });
        await tablet.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "hospitality-board-b.png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        await _browsers.DisposeAsync();
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }
}
