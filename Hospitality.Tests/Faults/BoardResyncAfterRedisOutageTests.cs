using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Hospitality.Domain.Tenancy;
using Hospitality.Hubs.Backplane;
using Hospitality.Tests.Hubs;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Hospitality.Tests.Faults;

/// <summary>
/// A staff board in Chromium on server B misses a change made on server A while Redis is down; when Redis is back
/// the board is told to resync and shows the change in place (no page reload, no later change needed).
/// </summary>
public sealed class BoardResyncAfterRedisOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly Browsers _browsers = new();
    private PrivateRedisServer _redis = default!;
    private FaultHost _a = default!, _b = default!;
    private string _urlB = "";
    private SeededTenant _tenant = default!;

    public async Task InitializeAsync()
    {
        _redis = await PrivateRedisServer.StartAsync();
        var setup = HostSetup.Cluster();
        _a = new FaultHost(setup, _redis.ConnectionString);
        _b = new FaultHost(setup.SecondServer(), _redis.ConnectionString);
        _ = _a.Server;
        _urlB = _b.StartOnKestrel(FaultHost.SparePort());
        _tenant = await _a.SeedTenantAsync("Cloud Nine", ("downtown", "harbor"));
        await _browsers.InitializeAsync();
    }

    [Fact]
    public async Task A_board_that_missed_a_change_during_a_redis_outage_shows_it_once_redis_is_back()
    {
        var staff = _tenant.Account(StaffRole.Staff);
        var api = await _a.StaffAsync(staff);
        var page = await _browsers.NewDeviceAsync(820, 1180);
        await page.SignInAsync(_urlB, staff.Email, "/locations/downtown/board");
        await page.WaitForLiveBoardAsync();
        var id = (string)(await SessionsCluster.StartAsync(api, "downtown", "O1", ["Mint"]))["id"]!;
        var card = page.Locator(".session-card", new() { HasText = "Table O1" });
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 10000 });
        await page.EvaluateAsync("() => window.beforeOutage = true");

        _redis.Kill();
        await Eventually.TrueAsync(() => !Backplane(_a).IsConnected && !Backplane(_b).IsConnected, Bound, "both servers notice Redis is gone");
        (await api.PostAsJsonAsync("/api/sessions", new { action = "request_refill", sessionId = id })).EnsureSuccessStatusCode();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await Assertions.Expect(card.Locator(".status")).ToHaveTextAsync("Active");

        await _redis.RestartAsync();
        var restart = Stopwatch.StartNew();
        await Assertions.Expect(card.Locator(".status")).ToHaveTextAsync("Needs refill", new() { Timeout = 20000 });
        var shownAfter = restart.Elapsed;
        Assert.True(await page.EvaluateAsync<bool>("() => window.beforeOutage === true"), "The board should refetch in place, not reload the page.");

        await Eventually.TrueAsync(() => Backplane(_a).IsConnected, Bound, "server A delivers through Redis again");
        (await api.PostAsJsonAsync("/api/sessions", new { action = "handle_refill", sessionId = id })).EnsureSuccessStatusCode();
        await Assertions.Expect(card.Locator(".status")).ToHaveTextAsync("Active", new() { Timeout = 10000 });
        await Assertions.Expect(card.Locator("button.refill")).ToHaveTextAsync(new Regex("Refill$"));
        output.WriteLine($"The missed change showed on the board {shownAfter.TotalMilliseconds:F0} ms after redis-server listened again.");
    }

    private static IBackplaneStatus Backplane(FaultHost host) => host.Services.GetRequiredService<IBackplaneStatus>();

    public async Task DisposeAsync()
    {
        await _browsers.DisposeAsync();
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
