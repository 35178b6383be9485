using System.Diagnostics;
using System.Net.Http.Json;
using Hospitality.Simulator;

namespace Hospitality.Bench.Web;

/// <summary>
/// Coffee machine status ingest (seed 002, issue 6). Two servers share PostgreSQL and Redis. N machines are registered
/// through the API by a manager with the simulator's own code (<see cref="FleetRegistration"/>: a token each, and its three
/// bins set up with the tenant's materials), 30 to a location. Half report to each server with the simulator's
/// <see cref="MachineApi"/>: one <c>POST /api/v1/devices/{id}/status</c> a second each (half the per-machine limit), the
/// sequence rising from 1, beans and milk steady, cups draining from full to under its threshold over 20 reports and then
/// refilled, so each machine crosses into low stock once every 20 reports (the machines out of step). A staff dashboard on
/// each server is subscribed to the whole fleet on <c>/hubs/devices</c> and stamps each report's <c>DeviceChanged</c> and
/// the <c>AlarmChanged</c> that opens each low-stock alarm.
/// </summary>
public static class FleetBenchmark
{
    private const int Cycle = 20, PerLocation = 30;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly Dictionary<string, string> Units = new() { ["beans"] = "g", ["milk"] = "ml", ["cups"] = "pcs" };

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var count = options.Machines ?? options.Pick(300, 100);
        var (warmup, window) = (TimeSpan.FromSeconds(options.Pick(10, 5)), TimeSpan.FromSeconds(options.Pick(60, 15)));
        await using var cluster = await WebCluster.StartAsync(options, servers: 2);
        var tenant = await cluster.SeedTenantAsync("bench", (count + PerLocation - 1) / PerLocation);
        var manager = tenant.Staff[0].Email;
        var cookie = await WebCluster.SignInAsync(cluster.Urls[0], manager);
        using (var staff = WebCluster.StaffClient(cluster.Urls[0], cookie)) await CreateMaterialsAsync(staff);
        var clock = Stopwatch.StartNew();
        var registered = await Task.WhenAll(tenant.Locations.Select((location, i) => FleetRegistration.RegisterAsync(cluster.Urls[i % 2],
            manager, WebCluster.Password, Math.Min(PerLocation, count - i * PerLocation), location.Id, $"Bench {i:D3}", CancellationToken.None)));
        MachineCredentials[] machines = [.. registered.SelectMany(m => m)];
        Console.WriteLine($"   registered {machines.Length} machines (3 bins each) in {clock.Elapsed.TotalSeconds:0.0} s");

        // Machine m reports to server m % 2; a dashboard on each server hears the whole fleet.
        var perMachine = (int)((warmup + window) / Interval) + 8;
        var cups = Drinks.StandardBins.Single(b => b.Bin == "cups");
        long CupsAt(long k) => cups.Capacity - k * cups.Capacity / Cycle;
        var firstLow = Enumerable.Range(0, Cycle).First(k => CupsAt(k) < cups.Threshold);
        var dashboards = new FleetDashboards(machines.Select(m => m.DeviceId).ToArray(), perMachine);
        await dashboards.ConnectAsync(cluster, cookie);
        var api = cluster.Urls.Select(url => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = url }).ToArray();
        long backOffs = 0, accepted = 0, notApplied = 0, failed = 0, crossings = 0;
        var machineApis = machines.Select((m, i) => new MachineApi(api[i % 2], m.DeviceId, m.Token)
            { BackingOff = (_, _) => Interlocked.Increment(ref backOffs) }).ToArray();
        var sequence = new long[machines.Length];
        var latency = new Samples(count * perMachine);

        async Task ReportAsync(int m, bool counts)
        {
            var n = ++sequence[m];   // SteadyLoad never runs two turns of one machine at once
            var k = (n - 1 + m) % Cycle;
            var sent = Stopwatch.GetTimestamp();
            if (counts) dashboards.Sent(m, n, sent, crossing: k == firstLow);
            if (counts && k == firstLow) Interlocked.Increment(ref crossings);
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                var data = await machineApis[m].ReportAsync(new StatusReport(n, "idle", 92.5, "wifi", "2.4.1",
                    [("beans", 800), ("milk", 1500), ("cups", CupsAt(k))]), timeout.Token);
                if (!counts) return;
                latency.Add(Stopwatch.GetTimestamp() - sent);
                if (data?["outcome"]?.GetValue<string>() == "applied")
                {
                    Interlocked.Increment(ref accepted);
                    dashboards.Applied(m, n);
                }
                else Interlocked.Increment(ref notApplied);
            }
            catch (Exception e)
            {
                if (Interlocked.Increment(ref failed) <= 3) Console.WriteLine($"   report failed: {e.Message}");
            }
        }

        var load = new SteadyLoad(machines.Length, Interval, warmup, window);
        CpuReading before = null!, after = null!;
        await load.RunAsync(ReportAsync, () => before = cluster.ReadCpu(), () => after = cluster.ReadCpu());
        await Task.Delay(3000);   // late pushes still count for latency
        var dropped = await dashboards.DisposeAsync();
        foreach (var client in api) client.Dispose();

        var seconds = load.Seconds;
        var cores = after.ServerCores(before, seconds);
        var rate = accepted / seconds;
        var report = latency.Summarize();
        var (alarmOther, alarmSame) = (dashboards.AlarmOther.Summarize(), dashboards.AlarmSame.Summarize());
        var (deviceOther, deviceSame) = (dashboards.DeviceOther.Summarize(), dashboards.DeviceSame.Summarize());
        var ingest = Figure.Untargeted($"Fleet ingest: {Fmt.N(machines.Length)} machines × 1 status report/s over 2 servers (accepted reports/s)",
            Fmt.N(rate), report.ToString(),
            $"servers {Fmt.F(cores.Sum())} cores of 2 (≈ {Fmt.N(rate / Math.Max(0.01, cores.Sum()))} reports/s per server core)",
            "Latency = the status POST's round trip (the simulator's MachineApi, machine token, half the machines on each server). " +
            $"Offered {Fmt.N(load.OfferedPerSecond)}/s; in the {seconds:0} s window {Fmt.N(accepted)} applied, {notApplied} answered with another outcome, " +
            $"{failed} failed, {backOffs} waits on a 429 or 5xx, {Fmt.N(load.Skipped)} turns skipped because the machine's previous report was still " +
            $"in flight. {after.Describe(before, seconds)}");
        var alarm = Figure.Untargeted("Fleet: report crossing the low-stock threshold → AlarmChanged on the other server's dashboard",
            $"{Fmt.N(alarmOther.Count)} of {Fmt.N(crossings)} crossings", alarmOther.ToString(), "",
            "From the status POST that first reports cups under the bin's threshold to the push opening the low-stock alarm at a staff " +
            "dashboard (Subscribe(null), cookie) connected to the server the machine does not report to: commit, the alarm watch after " +
            $"the commit (a second commit), its push through Redis. On the reporting server's own dashboard: {alarmSame}. " +
            $"{dropped} dashboard connections dropped. Server log lines in the run: {cluster.Logged.Warnings} warn, {cluster.Logged.Errors} fail.");
        var device = Figure.Untargeted("Fleet: status report → DeviceChanged on the other server's dashboard",
            $"{Fmt.N(deviceOther.Count / seconds)}/s", deviceOther.ToString(), "",
            "Every report's DeviceChanged (matched by machine and lastSequence) at the dashboard on the other server; " +
            $"{dashboards.MissingOther()} of the {Fmt.N(accepted)} applied reports' never arrived there; " +
            $"the crossing reports alone: {dashboards.CrossingOther.Summarize()}; on the reporting server's own dashboard: {deviceSame}.");
        return BenchResult.Of(ingest, alarm, device);
    }

    /// <summary>The materials the simulator's bins hold, in the tenant's dictionary, so its bins are monitored.</summary>
    private static async Task CreateMaterialsAsync(HttpClient manager)
    {
        foreach (var (bin, code, capacity, threshold) in Drinks.StandardBins)
        {
            using var created = await manager.PostAsJsonAsync("/api/v1/materials",
                new { code, name = $"Bench {bin}", unit = Units[bin], category = "Bench", defaultCapacity = capacity, lowStockThreshold = threshold });
            if (!created.IsSuccessStatusCode) throw new InvalidOperationException($"Creating material {code} answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        }
    }
}
