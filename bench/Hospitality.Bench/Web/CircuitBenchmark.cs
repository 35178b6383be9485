using Microsoft.Playwright;

namespace Hospitality.Bench.Web;

/// <summary>
/// Figure 6: memory per live session-board circuit. Headless Chromium (Playwright, Debian's /usr/bin/chromium)
/// opens N tabs of <c>/locations/{id}/board</c> as signed-in staff, each its own Blazor circuit, and waits until every
/// board says "live" (subscribed to the live feed). Server RSS growth ÷ circuits. A real browser rather than a
/// hand-written Blazor protocol client: the circuit protocol (render batches acknowledged by the client, JS interop
/// for Radzen) is large and undocumented, and a client that skips parts of it would leave the server holding
/// different state than a real screen does.
/// </summary>
public static class CircuitBenchmark
{
    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var pages = options.Pick(100, 20);
        await using var cluster = await WebCluster.StartAsync(options, servers: 1);
        var tenant = await cluster.SeedTenantAsync("bench", 1);
        var server = cluster.Urls[0];
        var cookie = await WebCluster.SignInAsync(server, tenant.Staff[0].Email);
        var location = tenant.Locations[0].Id;
        using (var client = new HttpClient { BaseAddress = server })
        {
            client.DefaultRequestHeaders.Add("Cookie", cookie);
            for (var i = 0; i < options.BoardCards; i++)
            {
                var body = $"{{\"action\":\"start_session\",\"locationId\":\"{location}\",\"table\":\"T{i + 1}\",\"flavors\":[\"Double Apple\",\"Mint\"]}}";
                using var started = await client.PostAsync("/api/sessions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
                started.EnsureSuccessStatusCode();
            }
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("HOSPITALITY_TEST_CHROMIUM") ?? "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-background-timer-throttling", "--disable-renderer-backgrounding"],
        });
        var context = await browser.NewContextAsync();
        await context.AddCookiesAsync(cookie.Split("; ").Select(c => c.Split('=', 2)).Select(kv => new Cookie
            { Name = kv[0], Value = kv[1], Domain = server.Host, Path = "/" }));

        // One page first, so the first circuit's one-off costs (JIT, component metadata, Radzen) are in the baseline.
        var first = await OpenBoardAsync(context, server, location);
        await Task.Delay(2000);
        var before = WebCluster.RssBytes(cluster.Servers[0]);
        var opened = new List<IPage> { first };
        var failed = 0;
        for (var i = 1; i < pages; i++)
        {
            try { opened.Add(await OpenBoardAsync(context, server, location)); }
            catch (Exception e) { if (++failed <= 3) Console.WriteLine($"   board {i} did not go live: {e.Message}"); }
        }
        await Task.Delay(5000);
        var after = WebCluster.RssBytes(cluster.Servers[0]);
        var circuits = opened.Count - 1;
        var perCircuit = (after - before) / (double)Math.Max(1, circuits);
        await context.CloseAsync();

        return BenchResult.Of(new Figure($"Memory per live session-board circuit ({circuits} circuits)", $"{perCircuit / 1024:0} KB", "",
            "≤ 273 KB", Fmt.Met(perCircuit <= 273 * 1024), "",
            $"Headless Chromium tabs on /locations/{{id}}/board with {options.BoardCards} live cards, each waited until #board-state said live; " +
            $"server RSS {before / 1048576.0:0} MB → {after / 1048576.0:0} MB over {circuits} circuits after the first ({failed} failed). " +
            "RSS includes GC headroom, so it is an upper bound."));
    }

    private static async Task<IPage> OpenBoardAsync(IBrowserContext context, Uri server, string location)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(server, $"/locations/{location}/board").ToString());
        await Assertions.Expect(page.Locator("#board-state")).ToHaveTextAsync("live", new() { Timeout = 30_000 });
        return page;
    }
}
