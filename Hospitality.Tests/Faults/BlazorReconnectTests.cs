using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hospitality.Domain.Tenancy;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Hospitality.Tests.Faults;

/// <summary>
/// "A tablet that drops Wi-Fi resumes its circuit; after a server restart or a long outage the page reloads by
/// itself": a staff board in Chromium against a server on Kestrel, with no manual action after the fault.
/// A second server (in-process) makes changes "from elsewhere" through the API and owns the shared schema.
/// </summary>
public sealed class BlazorReconnectTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Board = "/locations/downtown/board";
    private readonly Browsers _browsers = new();
    private readonly HostSetup _setup = HostSetup.Cluster();
    private FaultHost _elsewhere = default!;
    private SeededTenant _tenant = default!;

    private StaffAccount Staff => _tenant.Account(StaffRole.Staff);

    public async Task InitializeAsync()
    {
        _elsewhere = new FaultHost(_setup);
        _ = _elsewhere.Server;
        _tenant = await _elsewhere.SeedTenantAsync("Cloud Nine", ("downtown", "harbor"));
        await _browsers.InitializeAsync();
    }

    [Fact]
    public async Task A_board_open_when_its_server_restarts_reloads_by_itself_into_a_new_working_circuit()
    {
        var port = FaultHost.SparePort();
        await using var first = new FaultHost(_setup with { ServerName = "board-1" });  // disposed mid-test: the "restart"
        var url = first.StartOnKestrel(port);
        var api = await _elsewhere.StaffAsync(Staff);
        var id = (string)(await SessionsCluster.StartAsync(api, "downtown", "R1", ["Mint"]))["id"]!;
        var page = await OpenBoardAsync(url);
        var card = page.Locator(".session-card", new() { HasText = "Table R1" });
        await Assertions.Expect(card).ToBeVisibleAsync();
        await page.EvaluateAsync("() => window.beforeRestart = true");

        var stopping = Stopwatch.StartNew();
        await first.DisposeAsync();
        var stopTook = stopping.Elapsed;
        await using var second = new FaultHost(_setup with { ServerName = "board-2" });
        second.StartOnKestrel(port);
        var listening = Stopwatch.StartNew();
        await Eventually.TrueAsync(() => HoldsAsync(page, "() => window.beforeRestart === undefined && !!document.querySelector('#board-state.live')"),
            TimeSpan.FromSeconds(30), "the page reloads by itself into a live board on the restarted server");
        var reloadedAfter = listening.Elapsed;
        Assert.Single(second.Circuits.Opened);

        await ActAsync(api, "request_refill", id);
        await Assertions.Expect(card.Locator("button.refill")).ToHaveTextAsync(new Regex("Complete Refill"), new() { Timeout = 10000 });
        await card.Locator("button.refill").ClickAsync();
        await Assertions.Expect(card.Locator(".status")).ToHaveTextAsync("Active", new() { Timeout = 10000 });
        Assert.Equal(("active", 3), await StoredAsync(api, id));
        output.WriteLine($"Old server stopped in {stopTook.TotalMilliseconds:F0} ms; the page was a live board on a new circuit " +
            $"{reloadedAfter.TotalSeconds:F2} s after the new server listened.");
    }

    [Fact]
    public async Task A_board_whose_server_process_is_killed_and_back_20_s_later_reloads_by_itself()
    {
        var port = FaultHost.SparePort();
        var crashed = await AppProcess.StartAsync(_setup with { ServerName = "board-1" }, port);
        await using var _ = crashed;
        var api = await _elsewhere.StaffAsync(Staff);
        var id = (string)(await SessionsCluster.StartAsync(api, "downtown", "K1", ["Lemon"]))["id"]!;
        var page = await OpenBoardAsync(crashed.BaseUrl);
        var card = page.Locator(".session-card", new() { HasText = "Table K1" });
        await Assertions.Expect(card).ToBeVisibleAsync();
        await page.EvaluateAsync("() => window.beforeCrash = true");

        crashed.Kill();
        await Assertions.Expect(page.Locator("#app-reconnect")).ToBeVisibleAsync(new() { Timeout = 10000 });
        await Task.Delay(TimeSpan.FromSeconds(20));
        await using var restarted = await AppProcess.StartAsync(_setup with { ServerName = "board-2" }, port);
        var listening = Stopwatch.StartNew();
        await Eventually.TrueAsync(() => HoldsAsync(page, "() => window.beforeCrash === undefined && !!document.querySelector('#board-state.live')"),
            TimeSpan.FromSeconds(30), "the page reloads by itself into a live board on the restarted process");
        var reloadedAfter = listening.Elapsed;

        await ActAsync(api, "request_refill", id);
        await Assertions.Expect(card.Locator("button.refill")).ToHaveTextAsync(new Regex("Complete Refill"), new() { Timeout = 10000 });
        await card.Locator("button.refill").ClickAsync();
        await Assertions.Expect(card.Locator(".status")).ToHaveTextAsync("Active", new() { Timeout = 10000 });
        Assert.Equal(("active", 3), await StoredAsync(api, id));
        output.WriteLine($"Killed, down 20 s: the page was a live board on a new circuit {reloadedAfter.TotalSeconds:F2} s after the new process listened.");
    }

    [Fact]
    public async Task A_short_network_drop_resumes_the_same_circuit_without_a_reload()
    {
        var port = FaultHost.SparePort();
        await using var server = new FaultHost(_setup with { ServerName = "board-1" });
        server.StartOnKestrel(port);
        await using var wifi = new ResettingProxy(port);
        var api = await _elsewhere.StaffAsync(Staff);
        var id = (string)(await SessionsCluster.StartAsync(api, "downtown", "W1", ["Grape"]))["id"]!;
        var page = await OpenBoardAsync(wifi.BaseUrl);
        var card = page.Locator(".session-card", new() { HasText = "Table W1" });
        await Assertions.Expect(card).ToBeVisibleAsync();
        await page.EvaluateAsync("() => window.beforeDrop = true");
        // The sign-in page had a circuit of its own (the Radzen theme is interactive); the board's is the latest.
        var before = server.Circuits.Opened;
        var circuit = before[^1];

        wifi.Cut();
        await Assertions.Expect(page.Locator("#app-reconnect")).ToBeVisibleAsync(new() { Timeout = 10000 });
        await Eventually.TrueAsync(() => server.Circuits.Count(circuit, "down") == 1, TimeSpan.FromSeconds(10), "the server sees the circuit's connection drop");
        await Task.Delay(TimeSpan.FromSeconds(5));
        wifi.Restore();
        var back = Stopwatch.StartNew();
        await Assertions.Expect(page.Locator("#app-reconnect")).ToBeHiddenAsync(new() { Timeout = 20000 });
        var resumedAfter = back.Elapsed;

        Assert.True(await page.EvaluateAsync<bool>("() => window.beforeDrop === true"), "The page reloaded; it should have resumed in place.");
        Assert.Equal(before, server.Circuits.Opened);
        Assert.Equal(2, server.Circuits.Count(circuit, "up"));
        await ActAsync(api, "request_refill", id);
        await Assertions.Expect(card.Locator("button.refill")).ToHaveTextAsync(new Regex("Complete Refill"), new() { Timeout = 10000 });
        await card.Locator("button.refill").ClickAsync();
        await Assertions.Expect(card.Locator(".status")).ToHaveTextAsync("Active", new() { Timeout = 10000 });
        Assert.Equal(("active", 3), await StoredAsync(api, id));
        output.WriteLine($"After a 5 s reset the same circuit was back {resumedAfter.TotalSeconds:F2} s after the network returned.");
    }

    private async Task<IPage> OpenBoardAsync(string url)
    {
        var page = await _browsers.NewDeviceAsync(820, 1180);
        page.Console += (_, message) => { if (message.Text.StartsWith("[reconnect]")) output.WriteLine(message.Text); };
        await page.SignInAsync(url, Staff.Email, Board);
        await page.WaitForLiveBoardAsync();
        return page;
    }

    /// <summary>Evaluates a predicate in the page; false while the page is between documents (reloading).</summary>
    private static async Task<bool> HoldsAsync(IPage page, string predicate)
    {
        try { return await page.EvaluateAsync<bool>(predicate); }
        catch (PlaywrightException) { return false; }
    }

    private static async Task ActAsync(HttpClient client, string action, string sessionId) =>
        (await client.PostAsJsonAsync("/api/sessions", new { action, sessionId })).EnsureSuccessStatusCode();

    private static async Task<(string, int)> StoredAsync(HttpClient client, string sessionId)
    {
        var card = (await client.GetFromJsonAsync<JsonObject>($"/api/sessions/{sessionId}"))!["session"]!;
        return ((string)card["status"]!, (int)card["version"]!);
    }

    public async Task DisposeAsync()
    {
        await _browsers.DisposeAsync();
        await _elsewhere.DisposeAsync();
    }
}
