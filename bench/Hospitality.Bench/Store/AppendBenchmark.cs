using System.Diagnostics;
using System.Text.Json;
using Hospitality.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace Hospitality.Bench.Store;

/// <summary>
/// Figure 1: events/s through <c>IDocumentSession.Events.Append</c> + <c>SaveChangesAsync</c>, one writer and eight,
/// against raw Npgsql batches inserting identical rows into an identical events table (built by the store's own DDL
/// in another schema). Each commit appends <see cref="EventsPerCommit"/> events to one of the writer's
/// <see cref="StreamsPerWriter"/> streams, so the store pays its stream-row upsert as in real use; the raw side
/// inserts the same event rows in one transaction and nothing else: that is the physical limit.
/// </summary>
public static class AppendBenchmark
{
    private const int EventsPerCommit = 10;
    private const int StreamsPerWriter = 100;
    private const string Tenant = "bench";

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var seconds = options.Pick(10.0, 3.0);
        await using var dataSource = new NpgsqlDataSourceBuilder(options.Postgres + ";Maximum Pool Size=40").Build();
        var store = await BenchStores.PlainAsync(dataSource, "bench_append");
        var raw = await BenchStores.PlainAsync(dataSource, "bench_append_raw");   // same DDL: an identical table
        var json = JsonSerializer.Serialize(Sample(Guid.NewGuid(), 0), store.Options.Json);

        // Warm both paths (JIT, pool, plans) before measuring.
        await Measure(1, 1.0, w => StoreWriter(store, w));
        await Measure(1, 1.0, w => RawWriter(dataSource, json, w));

        // Store and raw take turns in short rounds, so both see the same background load on a shared machine.
        const int rounds = 5;
        var figures = new List<Figure>();
        foreach (var writers in new[] { 1, 8 })
        {
            double storeEvents = 0, storeSeconds = 0, rawEvents = 0, rawSeconds = 0;
            for (var r = 0; r < rounds; r++)
            {
                var (e1, s1) = await Measure(writers, seconds / rounds, w => StoreWriter(store, w));
                var (e2, s2) = await Measure(writers, seconds / rounds, w => RawWriter(dataSource, json, w));
                storeEvents += e1; storeSeconds += s1; rawEvents += e2; rawSeconds += s2;
            }
            var storeRate = storeEvents / storeSeconds;
            var rawRate = rawEvents / rawSeconds;
            var target = writers == 1 ? 5_000 : 40_000;
            var ratio = storeRate / rawRate;
            figures.Add(new Figure($"Append through the store, {writers} writer{(writers > 1 ? "s" : "")} (events/s)",
                Fmt.N(storeRate), "", $"≥ {Fmt.N(target)}/s; store/raw ≥ 0.8", Fmt.Met(storeRate >= target && ratio >= 0.8),
                $"{Fmt.F(ratio)} (raw {Fmt.N(rawRate)}/s)",
                $"{writers} concurrent writer(s), {EventsPerCommit} events per SaveChangesAsync, {StreamsPerWriter} streams per writer, " +
                $"{seconds:0} s each for store and raw in {rounds} alternating rounds; raw = one NpgsqlBatch of the same INSERTs per transaction " +
                "into an identical table (fsync-off PostgreSQL)."));
        }
        return new BenchResult(figures, []);
    }

    private static CoalChecked Sample(Guid stream, int n) => new(stream, "T" + (n % 40), n, DateTimeOffset.UtcNow);

    private static async Task<(long Events, double Seconds)> Measure(int writers, double seconds, Func<int, Func<Task<int>>> makeWriter)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var commit = makeWriter(w);
            long events = 0;
            while (Stopwatch.GetTimestamp() < stopAt) events += await commit();
            return events;
        })));
        return (counts.Sum(), clock.Elapsed.TotalSeconds);
    }

    private static Func<Task<int>> StoreWriter(IDocumentStore store, int writer)
    {
        var streams = Enumerable.Range(0, StreamsPerWriter).Select(_ => Guid.NewGuid()).ToArray();
        var n = 0;
        return async () =>
        {
            var stream = streams[n % StreamsPerWriter];
            var events = new object[EventsPerCommit];
            for (var i = 0; i < events.Length; i++) events[i] = Sample(stream, n * EventsPerCommit + i);
            n++;
            await using var session = store.LightweightSession(Tenant);
            session.Events.Append(stream, events);
            await session.SaveChangesAsync();
            return EventsPerCommit;
        };
    }

    private static Func<Task<int>> RawWriter(NpgsqlDataSource dataSource, string json, int writer)
    {
        var streams = Enumerable.Range(0, StreamsPerWriter).Select(_ => Guid.NewGuid()).ToArray();
        var versions = new long[StreamsPerWriter];
        var n = 0;
        return async () =>
        {
            var s = n++ % StreamsPerWriter;
            var now = DateTimeOffset.UtcNow;
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await using (var batch = new NpgsqlBatch(connection, tx))
            {
                for (var i = 0; i < EventsPerCommit; i++)
                {
                    var command = new NpgsqlBatchCommand("""
                        INSERT INTO "bench_append_raw".events (id, stream_id, tenant_id, version, type, data, timestamp, correlation_id, causation_id, user_name)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING seq
                        """);
                    command.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
                    command.Parameters.Add(new NpgsqlParameter { Value = streams[s] });
                    command.Parameters.Add(new NpgsqlParameter { Value = Tenant });
                    command.Parameters.Add(new NpgsqlParameter { Value = ++versions[s] });
                    command.Parameters.Add(new NpgsqlParameter { Value = "coal_checked" });
                    command.Parameters.Add(new NpgsqlParameter { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb });
                    command.Parameters.Add(new NpgsqlParameter { Value = now });
                    command.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                    command.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                    command.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                    batch.BatchCommands.Add(command);
                }
                await batch.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
            return EventsPerCommit;
        };
    }
}
