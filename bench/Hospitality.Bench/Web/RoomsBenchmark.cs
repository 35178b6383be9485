using System.Diagnostics;

namespace Hospitality.Bench.Web;

/// <summary>
/// Group-order room fan-out (seed 001's collaborative orders). Two servers share PostgreSQL and Redis. K rooms are set up
/// through the staff API (<see cref="RoomSeeding"/>), each with 4 guests whose phones hold a lean hub connection to
/// <c>/hubs/group-orders</c> with their invite link, two on each server, and <c>join</c>. Each phone then adds one item
/// (<c>add_item(dishId, 1, key)</c>) every 2 s, the room's four phones half a second apart; once it has more than 5 lines of its own it also removes its oldest, so a
/// room stays at about 20 lines (a room holds at most 100) and a phone sends at most 1 message a second, far under the
/// limit of 5 a second. Every phone stamps each <c>item_added</c> of the others' adds.
/// </summary>
public static class RoomsBenchmark
{
    private const int KeepLines = 5;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var roomCount = options.Rooms ?? options.Pick(100, 20);
        var (warmup, window) = (TimeSpan.FromSeconds(options.Pick(10, 5)), TimeSpan.FromSeconds(options.Pick(60, 15)));
        await using var cluster = await WebCluster.StartAsync(options, servers: 2);
        var tenant = await cluster.SeedTenantAsync("bench", 1);
        var cookie = await WebCluster.SignInAsync(cluster.Urls[0], tenant.Staff[0].Email);
        var clock = Stopwatch.StartNew();
        Guid dish;
        SeededRoom[] rooms;
        using (var staff = WebCluster.StaffClient(cluster.Urls[0], cookie)) (dish, rooms) = await RoomSeeding.SeedAsync(staff, tenant.Locations[0].Id, roomCount);
        Console.WriteLine($"   {roomCount} rooms with {RoomSeeding.Guests} guests and their links set up in {clock.Elapsed.TotalSeconds:0.0} s");

        var phoneCount = roomCount * RoomSeeding.Guests;
        var deliveries = new RoomDeliveries(phoneCount * ((int)((warmup + window) / Interval) + 4));
        long dropped = 0;
        var phones = Enumerable.Range(0, phoneCount).Select(p => new LeanHubClient
        {
            Server = RoomDeliveries.ServerOf(p), OnPush = (target, record) => deliveries.Heard(p, target, record),
            OnError = _ => Interlocked.Increment(ref dropped),
        }).ToArray();
        clock.Restart();
        await Parallel.ForEachAsync(Enumerable.Range(0, phoneCount), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (p, _) =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await phones[p].ConnectAsync(cluster.Hub(phones[p].Server, "/hubs/group-orders"), rooms[p / RoomSeeding.Guests].Tokens[p % RoomSeeding.Guests], timeout.Token);
            if (await phones[p].InvokeAsync("join", "[]", timeout.Token) is { } refused) throw new InvalidOperationException($"join was refused: {refused}");
        });
        Console.WriteLine($"   {phoneCount} phones connected and joined in {clock.Elapsed.TotalSeconds:0.0} s");
        using var stopPings = new CancellationTokenSource();
        var pings = Task.Run(() => LeanHubClient.KeepAliveAsync(phones, stopPings.Token));

        var own = Enumerable.Range(0, phoneCount).Select(_ => new Queue<Guid>()).ToArray();
        var addLatency = new Samples(phoneCount * 200);
        long committed = 0, refused = 0, removed = 0, logged = 0;

        // The pacer spreads actors' turns evenly over the interval; a room's four phones take theirs a quarter-interval apart.
        async Task TurnAsync(int actor, bool counts)
        {
            var p = actor % roomCount * RoomSeeding.Guests + actor / roomCount;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                var key = Guid.NewGuid();
                var index = counts ? deliveries.Sending(p, key) : -1;
                var sent = Stopwatch.GetTimestamp();
                var error = await phones[p].InvokeAsync("add_item", $"[\"{dish}\",1,\"{key}\"]", timeout.Token);
                if (error is null)
                {
                    own[p].Enqueue(key);
                    deliveries.Committed(index);
                    if (counts) { addLatency.Add(Stopwatch.GetTimestamp() - sent); Interlocked.Increment(ref committed); }
                }
                else Refused(counts, $"add_item refused: {error}");
                if (own[p].Count <= KeepLines) return;
                var removal = await phones[p].InvokeAsync("remove_item", $"[\"{own[p].Dequeue()}\"]", timeout.Token);
                if (!counts) return;
                if (removal is null) Interlocked.Increment(ref removed);
                else Refused(counts, $"remove_item refused: {removal}");
            }
            catch (OperationCanceledException)
            {
                Refused(counts, "a turn got no answer within 30 s");
            }
        }

        void Refused(bool counts, string why)
        {
            if (counts) Interlocked.Increment(ref refused);
            if (Interlocked.Increment(ref logged) <= 3) Console.WriteLine($"   {why}");
        }

        var load = new SteadyLoad(phoneCount, Interval, warmup, window);
        CpuReading before = null!, after = null!;
        await load.RunAsync(TurnAsync, () => before = cluster.ReadCpu(), () => after = cluster.ReadCpu());
        await Task.Delay(3000);   // late pushes still count for latency
        await stopPings.CancelAsync();
        await pings;
        var stillOpen = phones.Count(p => p.Open);
        await Parallel.ForEachAsync(phones, async (p, _) => await p.DisposeAsync());

        var seconds = load.Seconds;
        var cores = after.ServerCores(before, seconds);
        var rate = committed / seconds;
        var (allOthers, complete, incomplete) = deliveries.AllOthers();
        var (same, other) = (deliveries.SameServer.Summarize(), deliveries.OtherServer.Summarize());
        var title = $"{Fmt.N(roomCount)} rooms × {RoomSeeding.Guests} phones (2 per server)";
        var adds = Figure.Untargeted($"Rooms: {title}, add_item every {Interval.TotalSeconds:0} s per phone (adds/s committed)",
            Fmt.N(rate), addLatency.Summarize().ToString(),
            $"servers {Fmt.F(cores.Sum())} cores of 2 (≈ {Fmt.N(rate / Math.Max(0.01, cores.Sum()))} adds/s per server core)",
            $"Latency = add_item sent → its completion (the room as it now is) back at the phone. Offered {Fmt.N(load.OfferedPerSecond)} adds/s; " +
            $"in the {seconds:0} s window {Fmt.N(committed)} committed, {refused} add_item or remove_item refused or unanswered, {Fmt.N(load.Skipped)} turns skipped because the " +
            $"phone's previous turn was still running; {Fmt.N(removed)} remove_item ({Fmt.N(removed / seconds)}/s) kept rooms " +
            $"at about {RoomSeeding.Guests * KeepLines} lines. {Fmt.N(phoneCount - stillOpen)} of {Fmt.N(phoneCount)} phones dropped ({dropped} errors). " +
            after.Describe(before, seconds));
        var sameFigure = Figure.Untargeted($"Rooms: add_item sent → item_added at another phone on the same server ({title})",
            $"{Fmt.N(same.Count)} deliveries", same.ToString(), "",
            "Per delivery to each of the room's other phones on the sender's server (1 per add). Until the last of the other 3 phones had it: " +
            $"{allOthers} ({Fmt.N(complete)} adds reached all 3, {Fmt.N(incomplete)} did not).");
        var otherFigure = Figure.Untargeted($"Rooms: add_item sent → item_added at a phone on the other server ({title})",
            $"{Fmt.N(other.Count)} deliveries", other.ToString(), "",
            "Per delivery to each of the room's phones on the other server (2 per add), through the Redis backplane. " +
            $"Server log lines in the run: {cluster.Logged.Warnings} warn, {cluster.Logged.Errors} fail (a refused hub call logs one).");
        return BenchResult.Of(adds, sameFigure, otherFigure);
    }
}
