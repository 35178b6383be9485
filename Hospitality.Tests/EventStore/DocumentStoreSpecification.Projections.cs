using Hospitality.EventStore;

namespace Hospitality.Tests.EventStore;

public abstract partial class DocumentStoreSpecification
{
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task An_inline_projection_commits_its_documents_with_the_events()
    {
        var store = await NewStoreAsync(o => o.Projections.Inline.Add(new AccountSummaryProjection()));
        var id = Guid.NewGuid();
        await StartAccountAsync(store, "t1", id, new Deposited(10));
        await using (var session = store.LightweightSession("t1"))
        {
            session.Events.Append(id, new Deposited(5));
            await session.SaveChangesAsync();
        }

        await using var query = store.QuerySession("t1");
        Assert.Equal(new AccountSummary(id, 15, 3), await query.LoadAsync<AccountSummary>(id));
        Assert.Equal(2, (await query.MetadataForAsync<AccountSummary>(id.ToString()))!.Version);
    }

    [Fact]
    public async Task A_session_and_the_commit_listeners_get_the_documents_the_commit_wrote_without_reading_them_back()
    {
        var listener = new DocumentsListener();
        var store = await NewStoreAsync(o =>
        {
            o.Projections.Inline.Add(new AccountSummaryProjection());
            o.Listeners.Add(listener);
        });
        var id = Guid.NewGuid();
        await StartAccountAsync(store, "t1", id, new Deposited(10));
        await using var session = store.LightweightSession("t1");
        Assert.Null(session.LastCommitted.Find<AccountSummary>(id));
        session.Events.Append(id, new Deposited(5));
        await session.SaveChangesAsync();

        await using var query = store.QuerySession("t1");
        var stored = await query.LoadAsync<AccountSummary>(id);
        Assert.Equal(new AccountSummary(id, 15, 3), stored);
        Assert.Equal(stored, session.LastCommitted.Find<AccountSummary>(id));
        Assert.Equal(stored, listener.Last);
        Assert.Null(session.LastCommitted.Find<AccountSummary>(Guid.NewGuid()));
    }

    private sealed class DocumentsListener : ICommitListener
    {
        public AccountSummary? Last { get; private set; }

        public Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CancellationToken ct) =>
            throw new InvalidOperationException("The store calls the overload with the committed documents.");

        public Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CommittedDocuments documents, CancellationToken ct)
        {
            Last = documents.Find<AccountSummary>(committed[0].Id);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task An_inline_projection_sees_nothing_of_a_commit_that_fails_its_version_check()
    {
        var store = await NewStoreAsync(o => o.Projections.Inline.Add(new AccountSummaryProjection()));
        var id = Guid.NewGuid();
        await StartAccountAsync(store, "t1", id, new Deposited(10));

        await using var session = store.LightweightSession("t1");
        session.Events.Append(id, expectedVersion: 1, new Deposited(5));
        await Assert.ThrowsAsync<ConcurrencyException>(() => session.SaveChangesAsync());
        Assert.Equal(new AccountSummary(id, 10, 2), await session.LoadAsync<AccountSummary>(id));
    }

    [Fact]
    public async Task A_throwing_inline_projection_writes_neither_events_nor_documents()
    {
        var store = await NewStoreAsync(o => o.Projections.Inline.Add(new ThrowingProjection()));
        var id = Guid.NewGuid();

        await using (var session = store.LightweightSession("t1"))
        {
            session.Events.StartStream<Account>(id, new AccountOpened("ada"));
            session.Store(Ada());
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => session.SaveChangesAsync());
            Assert.Equal("Projection failed on purpose.", error.Message);
        }

        await using var query = store.QuerySession("t1");
        Assert.Null(await query.Events.FetchStreamStateAsync(id));
        Assert.Null(await query.LoadAsync<AccountSummary>(id));
        Assert.Null(await query.LoadAsync<Customer>("c1"));
    }

    [Fact]
    public async Task Commit_listeners_hear_only_of_committed_events_and_after_they_are_visible()
    {
        var listener = new RecordingListener();
        var store = await NewStoreAsync(o => o.Listeners.AddRange([new ThrowingListener(), listener]));
        listener.Store = store;
        var id = Guid.NewGuid();

        await StartAccountAsync(store, "t1", id, new Deposited(1));
        await Assert.ThrowsAsync<ConcurrencyException>(() => StartAccountAsync(store, "t1", id));
        await StoreAsync(store, "t1", Ada());

        // The throwing listener before it neither failed the commit nor kept this one from being told.
        Assert.Equal([("t1", 2, (long?)2)], listener.Calls);
        Assert.Equal([1L, 2L], listener.Sequences);
    }

    [Fact]
    public async Task An_inline_snapshot_keeps_each_streams_folded_document_with_its_commits_and_nothing_when_one_fails()
    {
        var store = await NewStoreAsync(o =>
        {
            o.Schema.For<Account>(a => a.Id);
            o.Projections.InlineSnapshot<Account>("account_snapshots", Account.Evolve, typeof(AccountOpened), typeof(Deposited), typeof(Withdrawn));
        });
        var id = Guid.NewGuid();

        await StartAccountAsync(store, "t1", id, new Deposited(10));
        await using (var session = store.LightweightSession("t1"))
        {
            session.Events.Append(id, new Withdrawn(4));
            await session.SaveChangesAsync();
        }
        await Assert.ThrowsAsync<ConcurrencyException>(() => StartAccountAsync(store, "t1", id, new Deposited(1000)));

        await using var query = store.QuerySession("t1");
        Assert.Equal(new Account(id, "ada", 6, 3), await query.LoadAsync<Account>(id));
        Assert.Equal(new Account(id, "ada", 6, 3), await query.Events.AggregateStreamAsync<Account>(id));   // the same fold, live
        await using var other = store.QuerySession("t2");
        Assert.Null(await other.LoadAsync<Account>(id));
    }

    [Fact]
    public async Task What_a_session_listener_stages_commits_with_the_session_or_not_at_all()
    {
        var listener = new MarkingSessionListener();
        var store = await NewStoreAsync(o => o.SessionListeners.Add(listener));
        var id = Guid.NewGuid();

        await StartAccountAsync(store, "t1", id, new Deposited(1));
        await Assert.ThrowsAsync<ConcurrencyException>(() => StartAccountAsync(store, "t1", id));
        await using (var empty = store.LightweightSession("t1"))
        {
            await empty.SaveChangesAsync();   // nothing to save: the listener is not told
        }

        Assert.Equal(2, listener.Marked.Count);
        await using var query = store.QuerySession("t1");
        Assert.NotNull(await query.LoadAsync<AccountSummary>(listener.Marked[0]));
        Assert.Null(await query.LoadAsync<AccountSummary>(listener.Marked[1]));
        Assert.Equal(2, (await query.Events.FetchStreamStateAsync(id))!.Version);   // opened, deposited: the refused start added nothing
    }

    [Fact]
    public async Task The_projection_daemon_catches_up_on_every_tenant_in_that_tenants_documents()
    {
        var projection = new AccountSummaryProjection("async_summary");
        var store = await NewStoreAsync(o => o.Projections.Async.Add(projection));
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await StartAccountAsync(store, "tenant-a", a, new Deposited(10));
        await StartAccountAsync(store, "tenant-b", b, new Deposited(7), new Withdrawn(2));

        var daemon = new ProjectionDaemon(store) { PollInterval = TimeSpan.FromMilliseconds(20) };
        await daemon.StartAsync(default);
        try
        {
            await daemon.WaitForNonStaleDataAsync(CatchUp);
            await using (var session = store.LightweightSession("tenant-a"))
            {
                session.Events.Append(a, new Deposited(1));
                await session.SaveChangesAsync();
            }
            await daemon.WaitForNonStaleDataAsync(CatchUp);
        }
        finally { await daemon.StopAsync(default); }

        await using var queryA = store.QuerySession("tenant-a");
        await using var queryB = store.QuerySession("tenant-b");
        Assert.Equal(new AccountSummary(a, 11, 3), await queryA.LoadAsync<AccountSummary>(a));
        Assert.Equal(new AccountSummary(b, 5, 3), await queryB.LoadAsync<AccountSummary>(b));
        Assert.Null(await queryB.LoadAsync<AccountSummary>(a));
    }

    [Fact]
    public async Task A_restarted_projection_daemon_resumes_from_its_recorded_progress()
    {
        var projection = new AccountSummaryProjection("async_summary");
        var store = await NewStoreAsync(o => o.Projections.Async.Add(projection));
        var id = Guid.NewGuid();
        await StartAccountAsync(store, "t1", id, new Deposited(10));

        await RunDaemonUntilCaughtUpAsync(store);
        await using (var session = store.LightweightSession("t1"))
        {
            session.Events.Append(id, new Deposited(5));
            await session.SaveChangesAsync();
        }
        await RunDaemonUntilCaughtUpAsync(store);

        Assert.Equal(3, projection.Applied);
        await using var query = store.QuerySession("t1");
        Assert.Equal(new AccountSummary(id, 15, 3), await query.LoadAsync<AccountSummary>(id));
    }

    [Fact]
    public async Task A_failing_async_projection_is_retried_without_keeping_the_failed_runs_writes()
    {
        var inner = new AccountSummaryProjection("async_summary");
        var store = await NewStoreAsync(o => o.Projections.Async.Add(new FailingOnceProjection(inner)));
        var id = Guid.NewGuid();
        await StartAccountAsync(store, "t1", id, new Deposited(4));

        await RunDaemonUntilCaughtUpAsync(store);

        Assert.Equal(2, inner.Applied);
        await using var query = store.QuerySession("t1");
        Assert.Equal(new AccountSummary(id, 4, 2), await query.LoadAsync<AccountSummary>(id));
    }

    [Fact]
    public async Task Two_projection_daemons_on_one_store_apply_each_event_once()
    {
        var projection = new AccountSummaryProjection("async_summary");
        var store = await NewStoreAsync(o => o.Projections.Async.Add(projection));
        var second = await NewStoreAsync(o => o.Projections.Async.Add(projection), sameDataAs: store);
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids) await StartAccountAsync(store, "t1", id, new Deposited(1));

        var daemons = new[] { new ProjectionDaemon(store), new ProjectionDaemon(second) };
        foreach (var d in daemons) await d.StartAsync(default);
        try { await daemons[1].WaitForNonStaleDataAsync(CatchUp); }
        finally { foreach (var d in daemons) await d.StopAsync(default); }

        Assert.Equal(10, projection.Applied);
        await using var query = store.QuerySession("t1");
        Assert.All(await query.LoadManyAsync<AccountSummary>(ids.Select(i => i.ToString())), s => Assert.Equal(2, s.EventCount));
    }

    [Fact]
    public async Task A_daemon_that_stops_lets_another_server_take_the_projection_over()
    {
        var projection = new AccountSummaryProjection("async_summary");
        var store = await NewStoreAsync(o => o.Projections.Async.Add(projection));
        var second = await NewStoreAsync(o => o.Projections.Async.Add(projection), sameDataAs: store);
        var first = Guid.NewGuid();
        await StartAccountAsync(store, "t1", first, new Deposited(1));
        await RunDaemonUntilCaughtUpAsync(store);

        // The first server's daemon has stopped; its lock must have gone with it (pooled connections are not reset).
        var later = Guid.NewGuid();
        await StartAccountAsync(store, "t1", later, new Deposited(2));
        await RunDaemonUntilCaughtUpAsync(second);

        Assert.Equal(4, projection.Applied);
        await using var query = store.QuerySession("t1");
        Assert.Equal(new AccountSummary(later, 2, 2), await query.LoadAsync<AccountSummary>(later));
    }

    [Fact]
    public async Task Waiting_for_non_stale_data_times_out_naming_the_lagging_projection_when_no_daemon_runs()
    {
        var store = await NewStoreAsync(o => o.Projections.Async.Add(new AccountSummaryProjection("async_summary")));
        await StartAccountAsync(store, "t1", Guid.NewGuid());

        var daemon = new ProjectionDaemon(store);
        var error = await Assert.ThrowsAsync<TimeoutException>(() => daemon.WaitForNonStaleDataAsync(TimeSpan.FromMilliseconds(200)));
        Assert.Contains("'async_summary' is at sequence 0 and did not reach 1", error.Message);
    }

    private static async Task RunDaemonUntilCaughtUpAsync(IDocumentStore store)
    {
        var daemon = new ProjectionDaemon(store) { PollInterval = TimeSpan.FromMilliseconds(20) };
        await daemon.StartAsync(default);
        try { await daemon.WaitForNonStaleDataAsync(CatchUp); }
        finally { await daemon.StopAsync(default); }
    }
}
