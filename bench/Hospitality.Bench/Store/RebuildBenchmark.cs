using System.Diagnostics;
using System.Text.Json;
using Hospitality.Domain.Sessions;
using Hospitality.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace Hospitality.Bench.Store;

/// <summary>
/// Figure 3: the <see cref="ProjectionDaemon"/> catching up <see cref="SessionCardProjection"/> (registered async
/// here) from offset 0 over ≥ 1,000,000 session events seeded with binary COPY. Sessions get 10 events each
/// (started, then coal updates); they are interleaved in blocks of 50 live sessions, the way a busy venue group
/// writes. Baseline: reading the same events raw (one SELECT of all columns in pages of the daemon's batch size).
/// </summary>
public static class RebuildBenchmark
{
    private const string Schema = "bench_rebuild";
    private const string Tenant = "bench";
    private const int EventsPerSession = 10;
    private const int Interleave = 50;

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var total = options.Pick(1_000_000, 100_000);
        await using var dataSource = new NpgsqlDataSourceBuilder(options.Postgres).Build();
        var storeOptions = BenchStores.AppOptions(Schema);
        var projection = storeOptions.Projections.Inline.OfType<SessionCardProjection>().Single();
        storeOptions.Projections.Inline.Remove(projection);
        storeOptions.Projections.Async.Add(projection);
        var store = await BenchStores.ReadyAsync(storeOptions, dataSource, fresh: true);

        var seeding = Stopwatch.StartNew();
        await SeedAsync(dataSource, storeOptions.Json, total);
        Console.WriteLine($"   seeded {total:N0} events in {seeding.Elapsed.TotalSeconds:0.0} s");
        await using (var vacuum = dataSource.CreateCommand($"VACUUM ANALYZE {Schema}.events")) await vacuum.ExecuteNonQueryAsync();

        var daemon = options.RebuildBatch is { } batch
            ? new ProjectionDaemon(store) { PollInterval = TimeSpan.FromMilliseconds(20), BatchSize = batch }
            : new ProjectionDaemon(store) { PollInterval = TimeSpan.FromMilliseconds(20) };
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(options.Pick(8, 3)));
        var clock = Stopwatch.StartNew();
        var running = daemon.RunAsync(stop.Token);
        long at = 0;
        while (!stop.IsCancellationRequested && at < total)
        {
            await Task.Delay(200);
            at = await ProgressAsync(dataSource);
        }
        var took = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await running;
        var rate = at / took;
        var cards = await BenchStores.CountAsync(dataSource, $"{Schema}.documents");

        var rawClock = Stopwatch.StartNew();
        long rawRows = 0, after = 0;
        while (true)
        {
            await using var page = dataSource.CreateCommand(
                $"SELECT seq, id, stream_id, tenant_id, version, type, data, timestamp FROM {Schema}.events WHERE seq > $1 ORDER BY seq LIMIT {daemon.BatchSize}");
            page.Parameters.Add(new NpgsqlParameter { Value = after });
            await using var reader = await page.ExecuteReaderAsync();
            var n = 0;
            while (await reader.ReadAsync()) { after = reader.GetInt64(0); _ = reader.GetString(6); n++; }
            rawRows += n;
            if (n == 0) break;
        }
        var rawRate = rawRows / rawClock.Elapsed.TotalSeconds;

        return BenchResult.Of(new Figure("Projection rebuild from 0 (events/s)", Fmt.N(rate), "", "≥ 50,000/s", Fmt.Met(rate >= 50_000 && at >= total),
            $"{Fmt.F(rate / rawRate, "0.000")} of raw paged read ({Fmt.N(rawRate)}/s)",
            $"{Fmt.N(at)} of {Fmt.N(total)} events applied in {took:0.0} s into {Fmt.N(cards)} cards by ProjectionDaemon (batch {daemon.BatchSize}); " +
            $"{total / EventsPerSession:N0} sessions × {EventsPerSession} events, {Interleave} sessions interleaved. Raw = paging the same rows with all columns, no projection."));
    }

    private static async Task<long> ProgressAsync(NpgsqlDataSource dataSource)
    {
        await using var read = dataSource.CreateCommand($"SELECT coalesce(max(last_seq), 0) FROM {Schema}.progress");
        return (long)(await read.ExecuteScalarAsync())!;
    }

    private static async Task SeedAsync(NpgsqlDataSource dataSource, JsonSerializerOptions json, int total)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY {Schema}.events (id, stream_id, tenant_id, version, type, data, timestamp, user_name) FROM STDIN (FORMAT BINARY)");
        var at = DateTimeOffset.UtcNow.AddDays(-1);
        var written = 0;
        var block = new Guid[Interleave];
        while (written < total)
        {
            for (var s = 0; s < Interleave; s++) block[s] = Guid.NewGuid();
            for (var version = 1; version <= EventsPerSession; version++)
                for (var s = 0; s < Interleave && written < total; s++)
                {
                    var id = block[s];
                    at = at.AddMilliseconds(10);
                    object data = version == 1
                        ? new SessionStarted(id, $"location-{s % 10}", $"T{s}", ["Double Apple", "Mint"], null, at)
                        : new CoalStatusUpdated(id, version % 2 == 0 ? CoalStatus.Burning : CoalStatus.Low, at);
                    await writer.StartRowAsync();
                    await writer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                    await writer.WriteAsync(id, NpgsqlDbType.Uuid);
                    await writer.WriteAsync(Tenant, NpgsqlDbType.Text);
                    await writer.WriteAsync((long)version, NpgsqlDbType.Bigint);
                    await writer.WriteAsync(version == 1 ? "session_started" : "coal_status_updated", NpgsqlDbType.Text);
                    await writer.WriteAsync(JsonSerializer.Serialize(data, data.GetType(), json), NpgsqlDbType.Jsonb);
                    await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync("bench", NpgsqlDbType.Text);
                    written++;
                }
        }
        await writer.CompleteAsync();
    }
}
