using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Hospitality.Domain.Sessions;
using StackExchange.Redis;

namespace Hospitality.Bench.Web;

/// <summary>
/// Figures 4 and 5. Two Hospitality.Web servers share PostgreSQL and Redis. Each of G locations has a display token
/// and 10 hub clients (5 on each server) subscribed with <c>Subscribe(locationId)</c> on <c>/hubs/sessions</c>, and 3
/// live sessions. Figure 5 is read first: server RSS before and after the clients connect, idle. Then a scheduler
/// sends 2 commands per second per location as staff (<c>POST /api/sessions update_coal_status</c>, alternating
/// servers), and every client records command-sent to card-received. The raw Redis pub/sub round trip is measured
/// in the same run.
/// </summary>
public static class FanOutBenchmark
{
    private const int ClientsPerGroup = 10;
    private const int SessionsPerGroup = 3;
    private const int MaxVersion = 256;

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var groups = options.Groups ?? options.Pick(1000, 100);
        var seconds = options.Pick(45, 12);
        var notes = new List<string>();
        var redisRtt = await RawRedisRoundTripAsync(options.Redis, options.Pick(5000, 1000));
        Console.WriteLine($"   raw Redis pub/sub round trip: {redisRtt}");

        await using var cluster = await WebCluster.StartAsync(options, servers: 2);
        var tenant = await cluster.SeedTenantAsync("bench", groups);
        var seedClock = Stopwatch.StartNew();
        var tokens = await cluster.IssueDisplayTokensAsync(tenant, tenant.Locations);

        // Sessions through the store with the app's configuration (inline card projection), before any client listens.
        var slots = new Guid[groups * SessionsPerGroup];
        var slotOf = new Dictionary<Guid, int>();
        for (var g0 = 0; g0 < groups; g0 += 100)
        {
            await using var session = cluster.Store.LightweightSession(tenant.Tenant.Id);
            for (var g = g0; g < Math.Min(groups, g0 + 100); g++)
                for (var k = 0; k < SessionsPerGroup; k++)
                {
                    var id = Guid.NewGuid();
                    slots[g * SessionsPerGroup + k] = id;
                    slotOf[id] = g * SessionsPerGroup + k;
                    session.Events.StartStream<HookahSession>(id, new SessionStarted(id, tenant.Locations[g].Id, $"T{k}", ["Mint"], null, DateTimeOffset.UtcNow));
                }
            await session.SaveChangesAsync();
        }
        Console.WriteLine($"   seeded {groups} locations, tokens and {slots.Length} sessions in {seedClock.Elapsed.TotalSeconds:0.0} s");
        var staffCookie = await WebCluster.SignInAsync(cluster.Urls[0], tenant.Staff[0].Email);

        // Warm each server's paths once, then take the idle baseline.
        using var http = StaffClients(cluster, staffCookie);
        foreach (var client in http) (await client.GetAsync("/api/sessions")).EnsureSuccessStatusCode();
        await Task.Delay(2000);
        var rssBefore = cluster.Servers.Select(WebCluster.RssBytes).ToArray();

        var sentAt = new long[slots.Length * MaxVersion];
        var tappedAt = new long[slots.Length * MaxVersion];
        var afterRedis = new Samples(20_000_000);
        using var tap = await RedisTap.StartAsync(options.Redis, (id, version) =>
        {
            var now = Stopwatch.GetTimestamp();
            if (slotOf.TryGetValue(id, out var slot) && version < MaxVersion)
                Interlocked.CompareExchange(ref tappedAt[slot * MaxVersion + (int)version], now, 0);
        });
        var received = new int[slots.Length * MaxVersion];
        var lastArrival = new long[slots.Length * MaxVersion];
        var deliveries = new Samples(20_000_000);
        long delivered = 0, socketErrors = 0;
        var measuring = false;
        var clients = new List<LeanHubClient>(groups * ClientsPerGroup);
        var connectErrors = 0;
        var subscribedIn = new int[groups];
        var connectClock = Stopwatch.StartNew();
        using (var gate = new SemaphoreSlim(32))
        {
            var connecting = new List<Task>();
            for (var g = 0; g < groups; g++)
                for (var c = 0; c < ClientsPerGroup; c++)
                {
                    var server = c % 2;
                    var client = new LeanHubClient
                    {
                        Server = server,
                        OnPush = (target, record) =>
                        {
                            var now = Stopwatch.GetTimestamp();
                            if (!target.SequenceEqual("SessionChanged"u8) || !CardStamp.TryRead(record, out var id, out var version)) return;
                            if (!slotOf.TryGetValue(id, out var slot) || version >= MaxVersion) return;
                            var key = slot * MaxVersion + (int)version;
                            var sent = Volatile.Read(ref sentAt[key]);
                            if (sent == 0) return;
                            Interlocked.Increment(ref received[key]);
                            InterlockedMax(ref lastArrival[key], now);
                            if (Volatile.Read(ref measuring))
                            {
                                deliveries.Add(now - sent);
                                Interlocked.Increment(ref delivered);
                                if (Volatile.Read(ref tappedAt[key]) is > 0 and var tapped && now >= tapped) afterRedis.Add(now - tapped);
                            }
                        },
                        OnError = _ => Interlocked.Increment(ref socketErrors),
                    };
                    clients.Add(client);
                    var location = tenant.Locations[g].Id;
                    var group = g;
                    var token = tokens[g];
                    await gate.WaitAsync();
                    connecting.Add(Task.Run(async () =>
                    {
                        try
                        {
                            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                            await client.ConnectAsync(cluster.Hub(server, "/hubs/sessions"), token, timeout.Token);
                            await client.SubscribeAsync(location, timeout.Token);
                            Interlocked.Increment(ref subscribedIn[group]);
                        }
                        catch (Exception e)
                        {
                            if (Interlocked.Increment(ref connectErrors) <= 3) Console.WriteLine($"   connect failed: {e.Message}");
                        }
                        finally { gate.Release(); }
                    }));
                }
            await Task.WhenAll(connecting);
        }
        var connected = clients.Count(c => c.Open);
        Console.WriteLine($"   {connected} of {clients.Count} hub clients subscribed in {connectClock.Elapsed.TotalSeconds:0.0} s ({connectErrors} failed)");

        using var stopPings = new CancellationTokenSource();
        var pings = Task.Run(() => LeanHubClient.KeepAliveAsync(clients, stopPings.Token));

        await Task.Delay(5000);   // let connection set-up garbage settle before reading the idle footprint
        var rssIdle = cluster.Servers.Select(WebCluster.RssBytes).ToArray();
        var perConnection = (rssIdle.Sum() - rssBefore.Sum()) / (double)Math.Max(1, connected);
        var idleFigure = new Figure($"Memory per idle hub connection ({Fmt.N(connected)} connections)", $"{perConnection / 1024:0.0} KB", "",
            "≤ 30 KB", Fmt.Met(perConnection <= 30 * 1024), "",
            $"Server RSS growth from before the clients connected to 5 s after all {Fmt.N(connected)} were subscribed (two servers, summed: " +
            $"{string.Join(" + ", rssBefore.Zip(rssIdle).Select(p => $"{(p.Second - p.First) / 1048576.0:0} MB"))}), divided by connections. " +
            "RSS includes GC heap headroom the runtime has not returned, so it is an upper bound of the managed cost.");

        // Load: every location gets a command every 500 ms, rotating over its sessions; one command in flight per session.
        var version = new long[slots.Length];
        Array.Fill(version, 1);
        var busy = new int[slots.Length];
        var commandLatency = new Samples(2_000_000);
        long commandsOk = 0, commandErrors = 0, skipped = 0;
        using var inFlight = new SemaphoreSlim(256);
        var interval = Stopwatch.Frequency / 2;
        var nextDue = new long[groups];
        var turn = new int[groups];
        var startTicks = Stopwatch.GetTimestamp();
        for (var g = 0; g < groups; g++) nextDue[g] = startTicks + interval * g / groups;
        var warmup = 3.0;
        var endTicks = startTicks + (long)((warmup + seconds) * Stopwatch.Frequency);
        var cpuBefore = 0.0;
        var benchCpuBefore = TimeSpan.Zero;
        long measureStart = 0, deliveredAtStart = 0;
        var commands = new ConcurrentBag<Task>();
        while (Stopwatch.GetTimestamp() < endTicks)
        {
            var now = Stopwatch.GetTimestamp();
            if (measureStart == 0 && now - startTicks > warmup * Stopwatch.Frequency)
            {
                measureStart = now;
                cpuBefore = cluster.TotalCpuSeconds();
                benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                Volatile.Write(ref measuring, true);
                deliveredAtStart = Interlocked.Read(ref delivered);
            }
            for (var g = 0; g < groups; g++)
            {
                if (nextDue[g] > now) continue;
                nextDue[g] += interval;
                var slot = g * SessionsPerGroup + turn[g]++ % SessionsPerGroup;
                if (Interlocked.Exchange(ref busy[slot], 1) == 1 || version[slot] + 1 >= MaxVersion) { Interlocked.Increment(ref skipped); continue; }
                var counting = measureStart != 0;
                commands.Add(Task.Run(async () =>
                {
                    await inFlight.WaitAsync();
                    try
                    {
                        var next = version[slot] + 1;
                        var body = $"{{\"action\":\"update_coal_status\",\"sessionId\":\"{slots[slot]}\",\"coalStatus\":\"{(next % 2 == 0 ? "burning" : "low")}\"}}";
                        var sent = Stopwatch.GetTimestamp();
                        Volatile.Write(ref sentAt[slot * MaxVersion + (int)next], sent);
                        using var response = await http[(int)(next % 2)].PostAsync("/api/sessions", new StringContent(body, Encoding.UTF8, "application/json"));
                        if (counting) commandLatency.Add(Stopwatch.GetTimestamp() - sent);
                        if (response.IsSuccessStatusCode) { version[slot] = next; Interlocked.Increment(ref commandsOk); }
                        else
                        {
                            Volatile.Write(ref sentAt[slot * MaxVersion + (int)next], 0);
                            if (Interlocked.Increment(ref commandErrors) <= 3)
                                Console.WriteLine($"   command failed {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                        }
                    }
                    catch (Exception e)
                    {
                        if (Interlocked.Increment(ref commandErrors) <= 3) Console.WriteLine($"   command failed: {e.Message}");
                    }
                    finally
                    {
                        inFlight.Release();
                        Volatile.Write(ref busy[slot], 0);
                    }
                }));
            }
            await Task.Delay(5);
        }
        var measureEnd = Stopwatch.GetTimestamp();
        var cpu = cluster.TotalCpuSeconds() - cpuBefore;
        var benchCores = (Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore).TotalSeconds;
        var window = (measureEnd - measureStart) / (double)Stopwatch.Frequency;
        var deliveredInWindow = Interlocked.Read(ref delivered) - deliveredAtStart;
        await Task.WhenAll(commands);
        await Task.Delay(3000);   // late deliveries still count for latency
        Volatile.Write(ref measuring, false);

        await stopPings.CancelAsync();
        await pings;
        var stillOpen = clients.Count(c => c.Open);
        await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (c, _) => await c.DisposeAsync());

        // Per command: when the last of the location's subscribed clients had it.
        var allClients = new Samples(slots.Length * MaxVersion);
        long complete = 0, incomplete = 0, expected = 0, got = 0;
        for (var key = 0; key < sentAt.Length; key++)
        {
            if (sentAt[key] == 0 || key % MaxVersion <= 1) continue;
            var group = key / MaxVersion / SessionsPerGroup;
            var subscribed = subscribedIn[group];
            expected += subscribed;
            got += received[key];
            if (received[key] >= subscribed && lastArrival[key] > 0) { complete++; allClients.Add(lastArrival[key] - sentAt[key]); }
            else incomplete++;
        }
        var delivery = deliveries.Summarize();
        var everyClient = allClients.Summarize();
        var command = commandLatency.Summarize();
        var rate = deliveredInWindow / window;
        var cores = cpu / window;
        var attempted = groups * 2.0;
        var fromRedis = afterRedis.Summarize();
        var overheadP99 = fromRedis.P99 - redisRtt.P99;
        var fanOut = new Figure($"Fan-out: {Fmt.N(groups)} groups × {ClientsPerGroup} clients over 2 servers, 2 updates/s/group (deliveries/s)",
            Fmt.N(rate), delivery.ToString(), "≥ 20,000/s; p99 ≤ 100 ms",
            Fmt.Met(rate >= 20_000 && delivery.P99 <= 100),
            $"p99 {Fmt.F(delivery.P99 / redisRtt.P99, "0")}× raw Redis round trip ({redisRtt})",
            $"Latency = command sent (HTTP POST to either server) → card received, per delivery; {Fmt.N(connected)} clients connected " +
            $"({connectErrors} failed, {Fmt.N(clients.Count - stillOpen)} dropped by the end). Commands: {Fmt.N(commandsOk)} ok, {commandErrors} failed, " +
            $"{Fmt.N(skipped)} skipped because the previous one on the same session was still in flight (offered {Fmt.N(attempted)}/s, achieved " +
            $"{Fmt.N(Interlocked.Read(ref commandsOk) / (window + warmup))}/s). Command HTTP round trip {command}. " +
            $"Until the last of the location's clients had it: {everyClient} ({Fmt.N(complete)} commands complete, {Fmt.N(incomplete)} not; " +
            $"{Fmt.N(got)} of {Fmt.N(expected)} deliveries). Servers used {Fmt.F(cores)} cores of 2 over the {window:0} s window " +
            $"(≈ {Fmt.N(rate / Math.Max(0.01, cores))} deliveries/s per server core); the load generator used {Fmt.F(benchCores / window)} cores; " +
            "it, PostgreSQL and Redis share the same 2 cores.");
        var overhead = new Figure("Backplane: card leaves Redis → hub client has it (p99 over raw Redis round trip)",
            $"{Fmt.Ms(overheadP99)} ms over raw", fromRedis.ToString(), "≤ 2 ms p99 overhead", Fmt.Met(overheadP99 <= 2),
            $"p99 {Fmt.F(fromRedis.P99 / redisRtt.P99, "0.0")}× raw Redis round trip",
            "A tap in the bench subscribes to the hub's Redis group channels and stamps when each card message leaves Redis; the figure is that " +
            "stamp → the WebSocket client parsed it (server's subscription callback, group lookup, hub-protocol write, loopback, client read), " +
            $"{Fmt.N(fromRedis.Count)} deliveries. Overhead = its p99 − raw publish→subscriber p99 ({redisRtt}). The tap shares the bench's CPU with 10 clients per group, so it can stamp late (then the overhead reads low).");
        return new BenchResult([fanOut, overhead, idleFigure], notes);
    }

    private static HttpClientArray StaffClients(WebCluster cluster, string cookie) =>
        new([.. cluster.Urls.Select(url => WebCluster.StaffClient(url, cookie))]);

    /// <summary>Hears every hub group message on Redis and reports the session card's id and version.</summary>
    private sealed class RedisTap : IDisposable
    {
        private ConnectionMultiplexer _mux = null!;

        public static async Task<RedisTap> StartAsync(string redis, Action<Guid, long> onCard)
        {
            var config = ConfigurationOptions.Parse(redis);
            config.AbortOnConnectFail = false;
            var tap = new RedisTap { _mux = await ConnectionMultiplexer.ConnectAsync(config) };
            await tap._mux.GetSubscriber().SubscribeAsync(new RedisChannel("*:group:sessions/*", RedisChannel.PatternMode.Pattern), (_, message) =>
            {
                if (CardStamp.TryRead((byte[])message!, out var id, out var version)) onCard(id, version);
            });
            await Task.Yield();
            return tap;
        }

        public void Dispose() => _mux.Dispose();
    }

    /// <summary>Sequential publish → subscriber-callback round trips on one SE.Redis connection.</summary>
    public static async Task<Percentiles> RawRedisRoundTripAsync(string redis, int count)
    {
        var config = ConfigurationOptions.Parse(redis);
        config.AbortOnConnectFail = false;
        using var mux = await ConnectionMultiplexer.ConnectAsync(config);
        var subscriber = mux.GetSubscriber();
        TaskCompletionSource? waiting = null;
        var channel = "bench:rtt:" + Guid.NewGuid().ToString("N");
        await subscriber.SubscribeAsync(channel, (_, _) => Volatile.Read(ref waiting)?.TrySetResult());
        var samples = new Samples(count);
        var payload = (RedisValue)new string('x', 600);   // about the size of a session card
        for (var i = -200; i < count; i++)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref waiting, done);
            var start = Stopwatch.GetTimestamp();
            await subscriber.PublishAsync(channel, payload);
            await done.Task.WaitAsync(TimeSpan.FromSeconds(5));
            if (i >= 0) samples.Add(Stopwatch.GetTimestamp() - start);
        }
        await subscriber.UnsubscribeAllAsync();
        await Task.Yield();   // SE.Redis 1.2.6: not Dispose right after an await on its reader thread
        return samples.Summarize();
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }

    private sealed class HttpClientArray(HttpClient[] clients) : IDisposable
    {
        public HttpClient this[int i] => clients[i % clients.Length];
        public IEnumerator<HttpClient> GetEnumerator() => ((IEnumerable<HttpClient>)clients).GetEnumerator();
        public void Dispose() { foreach (var c in clients) c.Dispose(); }
    }
}
