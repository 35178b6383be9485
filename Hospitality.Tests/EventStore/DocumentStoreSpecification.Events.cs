using Hospitality.EventStore;

namespace Hospitality.Tests.EventStore;

public abstract partial class DocumentStoreSpecification
{
    [Fact]
    public async Task Starting_and_appending_numbers_versions_from_one_and_fetches_events_in_order()
    {
        var store = await NewStoreAsync();
        var id = Guid.NewGuid();
        var started = await StartAccountAsync(store, "t1", id, new Deposited(10));

        await using (var session = store.LightweightSession("t1"))
        {
            var appended = session.Events.Append(id, new Deposited(5));
            await session.SaveChangesAsync();
            Assert.Equal(3, appended.Version);
            Assert.True(appended.Events[0].Sequence > started.Events[1].Sequence);
        }

        await using var query = store.QuerySession("t1");
        var events = await query.Events.FetchStreamAsync(id);
        Assert.Equal([1L, 2, 3], events.Select(e => e.Version));
        Assert.Equal([new AccountOpened("ada"), new Deposited(10), new Deposited(5)], events.Select(e => e.Data));
        Assert.All(events, e => Assert.Equal(id, e.StreamId));
        Assert.Equal(events.Select(e => e.Sequence).Order(), events.Select(e => e.Sequence));
        Assert.Equal(2, (await query.Events.FetchStreamAsync(id, version: 2)).Count);
    }

    [Fact]
    public async Task Aggregating_a_stream_folds_its_events_up_to_the_requested_version()
    {
        var store = await NewStoreAsync();
        var id = Guid.NewGuid();
        await StartAccountAsync(store, "t1", id, new Deposited(10), new Withdrawn(3), new Deposited(100));

        await using var query = store.QuerySession("t1");
        Assert.Equal(new Account(id, "ada", 107, 4), await query.Events.AggregateStreamAsync<Account>(id));
        Assert.Equal(new Account(id, "ada", 7, 3), await query.Events.AggregateStreamAsync<Account>(id, version: 3));
        Assert.Null(await query.Events.AggregateStreamAsync<Account>(Guid.NewGuid()));
        Assert.Empty(await query.Events.FetchStreamAsync(Guid.NewGuid()));
        Assert.Null(await query.Events.FetchStreamStateAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Appending_at_a_stale_version_raises_a_concurrency_error_and_writes_nothing()
    {
        var store = await NewStoreAsync();
        var id = Guid.NewGuid();
        await StartAccountAsync(store, "t1", id, new Deposited(10));

        await using (var session = store.LightweightSession("t1"))
        {
            session.Events.Append(id, expectedVersion: 1, new Deposited(5));
            session.Store(new AccountSummary(id, 5, 1));
            var error = await Assert.ThrowsAsync<ConcurrencyException>(() => session.SaveChangesAsync());
            Assert.Equal($"Stream {id} was expected at version 1 but is at version 2.", error.Message);
            Assert.Equal(("stream", id.ToString(), 1L, 2L), (error.Kind, error.Id, error.ExpectedVersion, error.ActualVersion));
        }

        await using var query = store.QuerySession("t1");
        Assert.Equal(2, (await query.Events.FetchStreamAsync(id)).Count);
        Assert.Equal(2, (await query.Events.FetchStreamStateAsync(id))!.Version);
        Assert.Null(await query.LoadAsync<AccountSummary>(id));
    }

    [Fact]
    public async Task Appending_at_the_current_version_succeeds()
    {
        var store = await NewStoreAsync();
        var id = Guid.NewGuid();
        await StartAccountAsync(store, "t1", id);

        await using var session = store.LightweightSession("t1");
        session.Events.Append(id, expectedVersion: 1, new Deposited(5), new Deposited(6));
        await session.SaveChangesAsync();
        Assert.Equal(3, (await session.Events.FetchStreamStateAsync(id))!.Version);
    }

    [Fact]
    public async Task Starting_a_stream_whose_id_is_taken_raises_a_concurrency_error_and_writes_nothing()
    {
        var store = await NewStoreAsync();
        var id = Guid.NewGuid();
        await StartAccountAsync(store, "t1", id);

        var error = await Assert.ThrowsAsync<ConcurrencyException>(() => StartAccountAsync(store, "t1", id, new Deposited(1)));
        Assert.Equal($"Stream {id} cannot be started because it already exists at version 1.", error.Message);
        await using var query = store.QuerySession("t1");
        Assert.Single(await query.Events.FetchStreamAsync(id));
    }

    [Fact]
    public async Task Concurrent_appends_at_one_expected_version_from_several_sessions_let_exactly_one_win()
    {
        var store = await NewStoreAsync();
        var id = Guid.NewGuid();
        await StartAccountAsync(store, "t1", id);

        var attempts = Enumerable.Range(1, 4).Select(async amount =>
        {
            await using var session = store.LightweightSession("t1");
            session.Events.Append(id, expectedVersion: 1, new Deposited(amount));
            await Task.Yield();
            try { await session.SaveChangesAsync(); return true; }
            catch (ConcurrencyException) { return false; }
        });
        var outcomes = await Task.WhenAll(attempts);

        Assert.Single(outcomes, won => won);
        await using var query = store.QuerySession("t1");
        Assert.Equal(2, (await query.Events.FetchStreamAsync(id)).Count);
    }

    [Fact]
    public async Task Concurrent_appends_without_expected_version_all_land_with_distinct_versions()
    {
        var store = await NewStoreAsync();
        var id = Guid.NewGuid();
        await StartAccountAsync(store, "t1", id);

        await Task.WhenAll(Enumerable.Range(1, 8).Select(async amount =>
        {
            await using var session = store.LightweightSession("t1");
            session.Events.Append(id, new Deposited(amount));
            await session.SaveChangesAsync();
        }));

        await using var query = store.QuerySession("t1");
        var events = await query.Events.FetchStreamAsync(id);
        Assert.Equal(Enumerable.Range(1, 9).Select(v => (long)v), events.Select(e => e.Version));
        Assert.Equal(36m, (await query.Events.AggregateStreamAsync<Account>(id))!.Balance);
    }

    [Fact]
    public async Task Event_metadata_round_trips_with_every_event()
    {
        var store = await NewStoreAsync();
        var id = Guid.NewGuid();
        await using (var session = store.LightweightSession("tenant-m"))
        {
            session.Events.StartStream<Account>(id, new AccountOpened("ada"), new Deposited(3));
            session.CorrelationId = "corr-1";
            session.CausationId = "cause-2";
            session.LastModifiedBy = "user-7";
            await session.SaveChangesAsync();
        }

        await using var query = store.QuerySession("tenant-m");
        var events = await query.Events.FetchStreamAsync(id);
        Assert.Equal(["account_opened", "deposited"], events.Select(e => e.EventTypeName));
        Assert.Equal([typeof(AccountOpened), typeof(Deposited)], events.Select(e => e.EventType));
        Assert.All(events, e =>
        {
            Assert.Equal(("tenant-m", "corr-1", "cause-2", "user-7"), (e.TenantId, e.CorrelationId, e.CausationId, e.UserName));
            Assert.Equal(SampleStore.Epoch, e.Timestamp);
            Assert.NotEqual(Guid.Empty, e.Id);
            Assert.True(e.Sequence > 0);
        });
        Assert.Equal(new StreamState(id, "tenant-m", 2, "account", SampleStore.Epoch, SampleStore.Epoch),
            await query.Events.FetchStreamStateAsync(id));
    }

    [Fact]
    public async Task Stream_state_keeps_its_creation_time_and_moves_its_last_timestamp()
    {
        var clock = new FixedClock(SampleStore.Epoch);
        var store = await NewStoreAsync(o => o.Clock = clock);
        var id = Guid.NewGuid();
        await StartAccountAsync(store, "t1", id);
        clock.Now = SampleStore.Epoch.AddMinutes(5);
        await using var session = store.LightweightSession("t1");
        session.Events.Append(id, new Deposited(1));
        await session.SaveChangesAsync();

        var state = await session.Events.FetchStreamStateAsync(id);
        Assert.Equal((SampleStore.Epoch, SampleStore.Epoch.AddMinutes(5), 2L), (state!.Created, state.LastTimestamp, state.Version));
    }

    [Fact]
    public async Task Reading_all_events_returns_every_tenant_in_global_sequence_order()
    {
        var store = await NewStoreAsync();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await StartAccountAsync(store, "t1", a, new Deposited(1));
        await StartAccountAsync(store, "t2", b);
        await using (var session = store.LightweightSession("t1"))
        {
            session.Events.Append(a, new Deposited(2));
            await session.SaveChangesAsync();
        }

        var all = await store.ReadAllEventsAsync(0, 100);
        Assert.Equal([(a, 1L), (a, 2L), (b, 1L), (a, 3L)], all.Select(e => (e.StreamId, e.Version)));
        Assert.Equal(["t1", "t1", "t2", "t1"], all.Select(e => e.TenantId));
        Assert.Equal(Enumerable.Range(1, 4).Select(s => (long)s), all.Select(e => e.Sequence));
        Assert.Equal(4, await store.FetchHighWaterMarkAsync());

        var page = await store.ReadAllEventsAsync(afterSequence: 1, maxCount: 2);
        Assert.Equal([2L, 3L], page.Select(e => e.Sequence));
        Assert.Empty(await store.ReadAllEventsAsync(4, 10));
    }

    [Fact]
    public async Task An_unregistered_event_type_is_rejected_where_it_is_appended()
    {
        var store = await NewStoreAsync();
        await using var session = store.LightweightSession("t1");
        var error = Assert.Throws<InvalidOperationException>(() => session.Events.Append(Guid.NewGuid(), new Tier()));
        Assert.Contains("not registered", error.Message);
    }
}
