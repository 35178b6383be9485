using Hospitality.EventStore;
using Hospitality.EventStore.Postgres;
using Npgsql;

namespace Hospitality.Tests.EventStore;

/// <summary>
/// The riskiest part of the store: a slow transaction holds a low sequence while later ones commit. The global
/// feed must wait for it (or for its rollback) instead of skipping it forever.
/// </summary>
public sealed class PostgresEventFeedTests : PostgresSampleStoreTest
{
    [Fact]
    public async Task Reading_all_events_waits_for_a_slow_transaction_holding_a_lower_sequence_until_it_commits()
    {
        await AppendAsync(Guid.NewGuid());                       // seq 1
        await using var slow = await BeginSlowAppendAsync();     // seq 2, not committed
        await AppendAsync(Guid.NewGuid());                       // seq 3, committed

        Assert.Equal([1L], (await Store.ReadAllEventsAsync(0, 100)).Select(e => e.Sequence));
        Assert.Empty(await Store.ReadAllEventsAsync(1, 100));
        Assert.Equal(1, await Store.FetchHighWaterMarkAsync());

        await slow.Transaction.CommitAsync();

        Assert.Equal([1L, 2L, 3L], (await Store.ReadAllEventsAsync(0, 100)).Select(e => e.Sequence));
        Assert.Equal(3, await Store.FetchHighWaterMarkAsync());
    }

    [Fact]
    public async Task Reading_all_events_passes_the_gap_of_a_slow_transaction_once_it_rolls_back()
    {
        await AppendAsync(Guid.NewGuid());                       // seq 1
        await using var slow = await BeginSlowAppendAsync();     // seq 2, never committed
        var later = Guid.NewGuid();
        await AppendAsync(later);                                // seq 3

        Assert.Empty(await Store.ReadAllEventsAsync(1, 100));
        await slow.Transaction.RollbackAsync();

        // The gap is passed once every transaction that was running when it was first seen has ended; other
        // test classes write to the same server meanwhile, so allow their short transactions to finish.
        var read = await EventuallyAsync(() => Store.ReadAllEventsAsync(1, 100), r => r.Count > 0);
        Assert.Equal([(3L, later)], read.Select(e => (e.Sequence, e.StreamId)));
        // The high-water mark is worked out on its own, and as carefully: it passes the gap too, once the other classes'
        // transactions that were running at its own look have ended.
        Assert.Equal(3, await EventuallyAsync(() => Store.FetchHighWaterMarkAsync(), mark => mark == 3));
    }

    [Fact]
    public async Task A_reader_further_ahead_does_not_keep_the_high_water_mark_from_passing_a_rolled_back_gap()
    {
        await AppendAsync(Guid.NewGuid());                       // seq 1
        await using var slow = await BeginSlowAppendAsync();     // seq 2, never committed
        await AppendAsync(Guid.NewGuid());                       // seq 3
        await AppendAsync(Guid.NewGuid());                       // seq 4
        Assert.Equal(1, await Store.FetchHighWaterMarkAsync());
        await slow.Transaction.RollbackAsync();

        // A projection already past the gap reads between every look of the mark; what it learns or lets go of
        // must not make the mark see the gap afresh each time.
        var mark = await EventuallyAsync(async () =>
        {
            await Store.ReadAllEventsAsync(3, 100);
            return await Store.FetchHighWaterMarkAsync();
        }, mark => mark == 4);
        Assert.Equal(4, mark);
    }

    /// <summary>Asked repeatedly while the holder of seq 1 still runs, the feed and its mark must not pass it.</summary>
    internal static async Task NothingIsPassedWhileTheHolderRunsAsync(IDocumentStore store)
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Empty(await store.ReadAllEventsAsync(0, 100));
            Assert.Equal(0, await store.FetchHighWaterMarkAsync());
            await Task.Delay(20);
        }
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task A_gap_first_seen_while_its_transaction_runs_is_not_passed_before_that_transaction_ends()
    {
        await using var slow = await BeginSlowAppendAsync();     // seq 1
        await AppendAsync(Guid.NewGuid());                       // seq 2

        // Asked repeatedly, the answer must not change while the holder is still running.
        await NothingIsPassedWhileTheHolderRunsAsync(Store);
        await slow.Transaction.CommitAsync();
        Assert.Equal([1L, 2L], (await Store.ReadAllEventsAsync(0, 100)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task The_projection_daemon_does_not_project_past_a_slow_transaction()
    {
        var projection = new AccountSummaryProjection("async_summary");
        Store.Options.Projections.Async.Add(projection);
        await AppendAsync(Guid.NewGuid());                       // seq 1
        await using var slow = await BeginSlowAppendAsync();     // seq 2
        await AppendAsync(Guid.NewGuid());                       // seq 3

        var daemon = new ProjectionDaemon(Store) { PollInterval = TimeSpan.FromMilliseconds(20) };
        await daemon.StartAsync(default);
        try
        {
            await daemon.WaitForNonStaleDataAsync(TimeSpan.FromSeconds(15));
            await Task.Delay(200); // several polls: none may move past the open transaction
            Assert.Equal(1, projection.Applied);

            await slow.Transaction.CommitAsync();
            await daemon.WaitForNonStaleDataAsync(TimeSpan.FromSeconds(15));
            Assert.Equal(3, projection.Applied);
        }
        finally { await daemon.StopAsync(default); }
    }

    private async Task AppendAsync(Guid stream)
    {
        await using var session = Store.LightweightSession("t1");
        session.Events.StartStream<Account>(stream, new AccountOpened("ada"));
        await session.SaveChangesAsync();
    }

    /// <summary>
    /// Appends one event the way a commit does (stream row first, then the event) and leaves the transaction
    /// open, so its sequence is taken but invisible.
    /// </summary>
    private Task<SlowAppend> BeginSlowAppendAsync() => BeginSlowAppendAsync(Schema);

    internal static async Task<SlowAppend> BeginSlowAppendAsync(string schema)
    {
        var connection = await PostgresTestDatabase.DataSource.OpenConnectionAsync();
        var tx = await connection.BeginTransactionAsync();
        var stream = Guid.NewGuid();
        await using var command = new NpgsqlCommand($$"""
            INSERT INTO "{{schema}}".streams (tenant_id, id, type, version, created, timestamp) VALUES ('t1', @stream, 'account', 1, now(), now());
            INSERT INTO "{{schema}}".events (id, stream_id, tenant_id, version, type, data, timestamp)
            VALUES (gen_random_uuid(), @stream, 't1', 1, 'account_opened', '{"owner":"slow"}', now());
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("stream", stream));
        await command.ExecuteNonQueryAsync();
        return new SlowAppend(connection, tx);
    }

    internal sealed record SlowAppend(NpgsqlConnection Connection, NpgsqlTransaction Transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}

/// <summary>Needs a server where no other transaction ends meanwhile, so it runs with no other test class alongside.</summary>
[CollectionDefinition(nameof(QuietEventServer), DisableParallelization = true)]
public sealed class QuietEventServer;

/// <summary>
/// A gap whose holder took its transaction id after the committer above it did. A snapshot's xmax is one past the
/// newest ended transaction, so while no later transaction has ended the holder's id is not below it: a feed that
/// bounded the gap by that xmax passed it at once and lost the holder's event when it committed. Other test classes
/// ending transactions meanwhile would hide that, hence the quiet collection.
/// </summary>
[Collection(nameof(QuietEventServer))]
public sealed class PostgresEventFeedTransactionIdTests : PostgresSampleStoreTest
{
    [Fact]
    public async Task A_gap_whose_holder_took_its_id_after_the_committer_above_it_is_not_passed_while_it_runs()
    {
        var stream = Guid.NewGuid();
        await using var committer = await PostgresTestDatabase.DataSource.OpenConnectionAsync();
        await using var committerTx = await committer.BeginTransactionAsync();
        // The committer writes its stream row first (its transaction id), as every commit does ...
        await ExecuteAsync(committer, $$"""
            INSERT INTO "{{Schema}}".streams (tenant_id, id, type, version, created, timestamp) VALUES ('t1', @stream, 'account', 1, now(), now())
            """, stream);
        // ... the holder takes a later id and seq 1 ...
        await using var slow = await PostgresEventFeedTests.BeginSlowAppendAsync(Schema);
        // ... and the committer takes seq 2 and commits.
        await ExecuteAsync(committer, $$"""
            INSERT INTO "{{Schema}}".events (id, stream_id, tenant_id, version, type, data, timestamp)
            VALUES (gen_random_uuid(), @stream, 't1', 1, 'account_opened', '{"owner":"committer"}', now())
            """, stream);
        await committerTx.CommitAsync();

        await PostgresEventFeedTests.NothingIsPassedWhileTheHolderRunsAsync(Store);
        await slow.Transaction.CommitAsync();
        Assert.Equal([1L, 2L], (await Store.ReadAllEventsAsync(0, 100)).Select(e => e.Sequence));
        Assert.Equal(2, await Store.FetchHighWaterMarkAsync());
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, Guid stream)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("stream", stream));
        await command.ExecuteNonQueryAsync();
    }
}
