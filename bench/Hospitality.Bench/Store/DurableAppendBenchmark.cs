using System.Diagnostics;
using Hospitality.Domain.Sessions;
using Hospitality.EventStore;
using Npgsql;

namespace Hospitality.Bench.Store;

/// <summary>
/// Figure 2: one event per SaveChangesAsync on a PostgreSQL with fsync on, through the real session feature:
/// <see cref="SessionsModule.Configure"/> registers <see cref="SessionCardProjection"/> inline, so every commit also
/// loads, folds and stores the session's card in the same transaction. One writer, sequential, over many sessions.
/// Baseline in the same run: a raw single-row INSERT + COMMIT on the same server (the cost of one durable fsync).
/// </summary>
public static class DurableAppendBenchmark
{
    private const string Tenant = "bench";

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var commits = options.Pick(3000, 400);
        var sessions = 300;
        await using var dataSource = NpgsqlDataSource.Create(options.PostgresDurable);
        var fsync = await SettingAsync(dataSource, "fsync");
        var store = await BenchStores.ReadyAsync(BenchStores.AppOptions("bench_durable"), dataSource, fresh: true);

        var ids = Enumerable.Range(0, sessions).Select(_ => Guid.NewGuid()).ToArray();
        await using (var seed = store.LightweightSession(Tenant))
        {
            for (var i = 0; i < ids.Length; i++)
                seed.Events.StartStream<HookahSession>(ids[i],
                    new SessionStarted(ids[i], "bench-location", $"T{i}", ["Double Apple", "Mint"], null, DateTimeOffset.UtcNow));
            await seed.SaveChangesAsync();
        }

        await using (var create = dataSource.CreateCommand("CREATE TABLE IF NOT EXISTS bench_durable.raw_commit (id bigserial PRIMARY KEY, data jsonb NOT NULL)"))
            await create.ExecuteNonQueryAsync();

        // Store commit and raw commit take turns, so both see the same background load on a shared machine.
        var latencies = new Samples(commits);
        var raw = new Samples(commits);
        long storeTicks = 0;
        for (var n = -100; n < commits; n++)   // the first 100 warm up and are not counted
        {
            var id = ids[(n + 100) % sessions];
            var status = ((n + 100) / sessions) % 2 == 0 ? CoalStatus.Burning : CoalStatus.Low;
            var start = Stopwatch.GetTimestamp();
            await using (var session = store.LightweightSession(Tenant))
            {
                session.LastModifiedBy = "bench";
                session.Events.Append(id, new CoalStatusUpdated(id, status, DateTimeOffset.UtcNow));
                await session.SaveChangesAsync();
            }
            var took = Stopwatch.GetTimestamp() - start;
            if (n >= 0) { latencies.Add(took); storeTicks += took; }

            start = Stopwatch.GetTimestamp();
            await using (var insert = dataSource.CreateCommand("INSERT INTO bench_durable.raw_commit (data) VALUES ('{\"status\":\"burning\"}')"))
                await insert.ExecuteNonQueryAsync();   // autocommit: one durable commit per row
            if (n >= 0) raw.Add(Stopwatch.GetTimestamp() - start);
        }
        var storeP = latencies.Summarize();
        var perSecond = commits / (storeTicks / (double)Stopwatch.Frequency);
        var rawP = raw.Summarize();

        return BenchResult.Of(new Figure("Durable single-event append + inline SessionCardProjection (latency)",
            $"{Fmt.N(perSecond)} commits/s", storeP.ToString(), "p99 ≤ 5 ms", Fmt.Met(storeP.P99 <= 5),
            $"p99 {Fmt.F(storeP.P99 / rawP.P99)}× raw (raw INSERT+COMMIT {rawP})",
            $"PostgreSQL fsync={fsync}, synchronous_commit on; one writer, {commits} sequential commits over {sessions} sessions, each " +
            "one CoalStatusUpdated plus the card's load and upsert in the same transaction. The raw baseline is a one-row autocommit INSERT on the same server."));
    }

    private static async Task<string> SettingAsync(NpgsqlDataSource dataSource, string name)
    {
        await using var show = dataSource.CreateCommand($"SHOW {name}");
        return (string)(await show.ExecuteScalarAsync())!;
    }
}
