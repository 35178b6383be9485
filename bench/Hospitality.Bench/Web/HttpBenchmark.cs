using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Hospitality.Bench.Web;

/// <summary>
/// Figure 7: <c>GET /api/sessions</c> as signed-in staff against one server with a realistic board (30 live sessions
/// started through <c>POST /api/sessions</c>, a few changed), from N concurrent workers in a closed loop.
/// Baseline in the same run: the same board read straight from PostgreSQL (one SELECT of the tenant's live cards) at the
/// same concurrency, which is the floor any server answer stands on.
/// </summary>
public static class HttpBenchmark
{
    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        const int live = 30;
        var workers = 16;
        var seconds = options.Pick(20.0, 6.0);
        await using var cluster = await WebCluster.StartAsync(options, servers: 1);
        var tenant = await cluster.SeedTenantAsync("bench", 1);
        var cookie = await WebCluster.SignInAsync(cluster.Urls[0], tenant.Staff[0].Email);
        using var client = new HttpClient(new SocketsHttpHandler
            { CookieContainer = WebCluster.CookieJar(cluster.Urls[0], cookie), MaxConnectionsPerServer = workers * 2 })
            { BaseAddress = cluster.Urls[0] };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var location = tenant.Locations[0].Id;
        for (var i = 0; i < live; i++)
        {
            var body = $"{{\"action\":\"start_session\",\"locationId\":\"{location}\",\"table\":\"T{i + 1}\",\"flavors\":[\"Double Apple\",\"Mint\"]}}";
            using var started = await client.PostAsync("/api/sessions", new StringContent(body, Encoding.UTF8, "application/json"));
            started.EnsureSuccessStatusCode();
        }
        var bytes = (await client.GetByteArrayAsync("/api/sessions")).Length;

        async Task<(long Ok, long Failed)> Loop(double duration, Samples? samples)
        {
            var stopAt = Stopwatch.GetTimestamp() + (long)(duration * Stopwatch.Frequency);
            var results = await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
            {
                long ok = 0, failed = 0;
                while (Stopwatch.GetTimestamp() < stopAt)
                {
                    var start = Stopwatch.GetTimestamp();
                    using var response = await client.GetAsync("/api/sessions", HttpCompletionOption.ResponseContentRead);
                    samples?.Add(Stopwatch.GetTimestamp() - start);
                    if (response.IsSuccessStatusCode) ok++; else failed++;
                }
                return (ok, failed);
            })));
            return (results.Sum(r => r.ok), results.Sum(r => r.failed));
        }

        await Loop(2, null);   // warm-up
        var latencies = new Samples(5_000_000);
        var cpuBefore = cluster.TotalCpuSeconds();
        var clock = Stopwatch.StartNew();
        var (okCount, failedCount) = await Loop(seconds, latencies);
        var elapsed = clock.Elapsed.TotalSeconds;
        var cores = (cluster.TotalCpuSeconds() - cpuBefore) / elapsed;
        var rate = okCount / elapsed;
        var p = latencies.Summarize();

        // The physical floor on this machine: the same board read straight from PostgreSQL, same concurrency.
        var raw = new Samples(5_000_000);
        var rawStop = Stopwatch.GetTimestamp() + (long)(Math.Min(seconds, 5) * Stopwatch.Frequency);
        var rawClock = Stopwatch.StartNew();
        var rawCounts = await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            long n = 0;
            while (Stopwatch.GetTimestamp() < rawStop)
            {
                var start = Stopwatch.GetTimestamp();
                await using var query = cluster.DataSource.CreateCommand(
                    "SELECT data FROM hospitality.documents WHERE tenant_id = 'bench' AND type = 'session_card' AND data->>'status' <> 'Ended' ORDER BY data->>'startedAt'");
                await using var reader = await query.ExecuteReaderAsync();
                while (await reader.ReadAsync()) reader.GetString(0);
                raw.Add(Stopwatch.GetTimestamp() - start);
                n++;
            }
            return n;
        })));
        var rawRate = rawCounts.Sum() / rawClock.Elapsed.TotalSeconds;

        return BenchResult.Of(new Figure($"HTTP GET /api/sessions, {live} live sessions, {workers} workers (requests/s)", Fmt.N(rate), p.ToString(),
            "— (none set)", "—", $"{Fmt.F(rate / rawRate)} of the raw board query ({Fmt.N(rawRate)}/s, {raw.Summarize()})",
            $"{Fmt.N(okCount)} ok, {failedCount} failed in {elapsed:0} s; response {bytes / 1024.0:0.0} KB; staff cookie; " +
            $"server used {Fmt.F(cores)} cores of 2 (≈ {Fmt.N(rate / Math.Max(0.01, cores))} requests/s per server core); the client shares the machine."));
    }
}
