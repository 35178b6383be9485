using Hospitality.EventStore.Postgres;
using Hospitality.EventStore;
using Hospitality.Tests.EventStore;
using Npgsql;
using Xunit.Abstractions;

namespace Hospitality.Tests.Resilience;

/// <summary>
/// The projection daemon under load while many transactions hold low sequence numbers and commit late (or roll
/// back): every committed event is projected exactly once. EventStore/PostgresEventFeedTests shows the single
/// case step by step; this one mixes them with steady writers and small batches, as production would.
/// </summary>
public sealed class LateCommitsUnderLoadTests(ITestOutputHelper output) : PostgresSampleStoreTest
{
    [Fact]
    public async Task The_daemon_projects_every_event_of_late_committing_transactions_exactly_once_under_load()
    {
        var projection = new AccountSummaryProjection("late_load_summary");
        Store.Options.Projections.Async.Add(projection);
        var daemon = new ProjectionDaemon(Store) { PollInterval = TimeSpan.FromMilliseconds(10), BatchSize = 7 };
        await daemon.StartAsync(default);
        try
        {
            // Steady writers keep committing past the late ones until the last late one has ended.
            using var lateDone = new CancellationTokenSource();
            var steady = Enumerable.Range(0, 4).Select(_ => Task.Run(() => SteadyWriterAsync(lateDone.Token, depositsEach: 4))).ToList();
            var late = Enumerable.Range(0, 4).Select(w => Task.Run(() => LateWriterAsync(new Random(w), appends: 8))).ToList();
            var lateWritten = (await Task.WhenAll(late)).SelectMany(s => s);
            await Task.Delay(100);
            lateDone.Cancel();
            var written = (await Task.WhenAll(steady)).SelectMany(s => s).Concat(lateWritten).ToList();

            var total = written.Sum(s => s.Events);
            // A rolled-back hole is passed only once every transaction running when it was first seen has ended,
            // and other tests keep the server busy: until then the high-water mark stops short of it. Wait for
            // the mark to cover every event (bounded), then compare. The snapshot's xmin is the whole cluster's, so
            // a test elsewhere holding a transaction open holds the hole too: the bound is generous for a loaded CI
            // machine (a lost event stays lost however long one waits; this only costs time when something is wrong).
            var deadline = DateTime.UtcNow.AddSeconds(90);
            do await daemon.WaitForNonStaleDataAsync(TimeSpan.FromSeconds(30));
            while (projection.Applied < total && DateTime.UtcNow < deadline && await Delay());
            output.WriteLine($"{written.Count} streams, {total} committed events, {written.Count(s => s.Late && s.Events == 1)} of them committed late, " +
                $"{written.Count(s => s.Late && s.Events == 0)} late ones rolled back; " +
                $"daemon applied {projection.Applied}");
            if (projection.Applied != total) output.WriteLine(await DiagnoseAsync(projection, written));
            Assert.Equal(total, projection.Applied);
            await using var query = Store.QuerySession("t1");
            foreach (var (stream, events, _) in written)
                Assert.Equal(events, (await query.LoadAsync<AccountSummary>(stream))?.EventCount ?? 0);
        }
        finally { await daemon.StopAsync(default); }
    }

    /// <summary>
    /// Printed only on failure: whether an event was skipped for good (its stream's summary lacks it while the mark
    /// is past it) or the mark is held back by a hole (and which transactions in the cluster hold xmin back).
    /// </summary>
    private async Task<string> DiagnoseAsync(AccountSummaryProjection projection, List<(Guid Stream, int Events, bool Late)> written)
    {
        var lines = new List<string>();
        try
        {
            lines.Add($"high-water mark {await Store.FetchHighWaterMarkAsync()}");
            await using var connection = await PostgresTestDatabase.DataSource.OpenConnectionAsync();
            async Task QueryAsync(string title, string sql)
            {
                lines.Add(title);
                await using var command = new NpgsqlCommand(sql, connection);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    lines.Add("  " + string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.GetName(i)}={reader.GetValue(i)}")));
            }
            await QueryAsync("progress", $"""SELECT * FROM "{Schema}".progress""");
            await QueryAsync("events", $"""SELECT count(*) AS count, max(seq) AS max_seq FROM "{Schema}".events""");
            await QueryAsync("sequence holes", $"""
                SELECT g.seq FROM generate_series(1, (SELECT max(seq) FROM "{Schema}".events)) g(seq)
                WHERE NOT EXISTS (SELECT 1 FROM "{Schema}".events e WHERE e.seq = g.seq) ORDER BY g.seq
                """);
            await QueryAsync("snapshot", "SELECT pg_current_snapshot()::text AS snapshot");
            await QueryAsync("transactions holding xmin", """
                SELECT pid, backend_xid, backend_xmin, state, now() - xact_start AS age, left(query, 120) AS query
                FROM pg_stat_activity WHERE backend_xid IS NOT NULL OR backend_xmin IS NOT NULL ORDER BY xact_start
                """);
            await using var query = Store.QuerySession("t1");
            foreach (var (stream, events, late) in written)
            {
                var projected = (await query.LoadAsync<AccountSummary>(stream))?.EventCount ?? 0;
                if (projected == events) continue;
                await using var command = new NpgsqlCommand($"""SELECT string_agg(seq::text, ',' ORDER BY seq) FROM "{Schema}".events WHERE stream_id = $1""", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = stream });
                lines.Add($"stream {stream} (late: {late}) has {events} committed events, projected {projected}; its seqs: {await command.ExecuteScalarAsync()}");
            }
        }
        catch (Exception e) { lines.Add($"diagnostics failed: {e}"); }
        return string.Join(Environment.NewLine, lines);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(50);
        return true;
    }

    private async Task<List<(Guid Stream, int Events, bool Late)>> SteadyWriterAsync(CancellationToken until, int depositsEach)
    {
        var written = new List<(Guid, int, bool)>();
        while (!until.IsCancellationRequested)
        {
            var stream = Guid.NewGuid();
            await using (var session = Store.LightweightSession("t1"))
            {
                session.Events.StartStream<Account>(stream, new AccountOpened("steady"));
                await session.SaveChangesAsync();
            }
            for (var d = 0; d < depositsEach; d++)
            {
                await using var session = Store.LightweightSession("t1");
                session.Events.Append(stream, new Deposited(d + 1));
                await session.SaveChangesAsync();
            }
            written.Add((stream, 1 + depositsEach, false));
        }
        return written;
    }

    /// <summary>
    /// Appends one event the way a commit does (stream row, then the event, which takes its sequence), holds the
    /// transaction open while the steady writers commit past it, then commits, or rolls back one time in four.
    /// </summary>
    private async Task<List<(Guid Stream, int Events, bool Late)>> LateWriterAsync(Random random, int appends)
    {
        var written = new List<(Guid, int, bool)>();
        for (var i = 0; i < appends; i++)
        {
            var stream = Guid.NewGuid();
            await using var connection = await PostgresTestDatabase.DataSource.OpenConnectionAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await using (var command = new NpgsqlCommand($$"""
                INSERT INTO "{{Schema}}".streams (tenant_id, id, type, version, created, timestamp) VALUES ('t1', @stream, 'account', 1, now(), now());
                INSERT INTO "{{Schema}}".events (id, stream_id, tenant_id, version, type, data, timestamp)
                VALUES (gen_random_uuid(), @stream, 't1', 1, 'account_opened', '{"owner":"late"}', now());
                """, connection))
            {
                command.Parameters.Add(new NpgsqlParameter("stream", stream));
                await command.ExecuteNonQueryAsync();
            }
            await Task.Delay(random.Next(20, 200));
            if (random.Next(4) == 0)
            {
                await tx.RollbackAsync();
                written.Add((stream, 0, true));
            }
            else
            {
                await tx.CommitAsync();
                written.Add((stream, 1, true));
            }
        }
        return written;
    }
}
