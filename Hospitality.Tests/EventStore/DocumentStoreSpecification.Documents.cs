using Hospitality.EventStore;

namespace Hospitality.Tests.EventStore;

public abstract partial class DocumentStoreSpecification
{
    private static Customer Ada(string id = "c1") =>
        new(id, "Ada", 36, true, Tier.Gold, new Address("London", "Baker St"), ["vip"], SampleStore.Epoch, 10.5m);

    private static async Task StoreAsync(IDocumentStore store, string tenant, params Customer[] customers)
    {
        await using var session = store.LightweightSession(tenant);
        session.Store(customers);
        await session.SaveChangesAsync();
    }

    [Fact]
    public async Task Stored_documents_load_as_fresh_copies_that_cannot_change_stored_state()
    {
        var store = await NewStoreAsync();
        await StoreAsync(store, "t1", Ada());

        await using var query = store.QuerySession("t1");
        var loaded = await query.LoadAsync<Customer>("c1");
        Assert.Equivalent(Ada(), loaded);
        loaded!.Tags.Add("mutated");

        var again = await query.LoadAsync<Customer>("c1");
        Assert.NotSame(loaded, again);
        Assert.Equal(["vip"], again!.Tags);
        Assert.Null(await query.LoadAsync<Customer>("missing"));
    }

    [Fact]
    public async Task Storing_again_increments_the_version_and_records_the_modification_time()
    {
        var clock = new FixedClock(SampleStore.Epoch);
        var store = await NewStoreAsync(o => o.Clock = clock);
        await StoreAsync(store, "t1", Ada());
        clock.Now = SampleStore.Epoch.AddHours(1);
        await StoreAsync(store, "t1", Ada() with { Name = "Ada L." });

        await using var query = store.QuerySession("t1");
        Assert.Equal(new DocumentMetadata("c1", "t1", 2, SampleStore.Epoch.AddHours(1)), await query.MetadataForAsync<Customer>("c1"));
        Assert.Equal("Ada L.", (await query.LoadAsync<Customer>("c1"))!.Name);
        Assert.Null(await query.MetadataForAsync<Customer>("missing"));
    }

    [Fact]
    public async Task Storing_at_a_stale_expected_version_raises_a_concurrency_error_and_writes_nothing()
    {
        var store = await NewStoreAsync();
        await StoreAsync(store, "t1", Ada());
        await StoreAsync(store, "t1", Ada() with { Age = 37 });

        await using (var session = store.LightweightSession("t1"))
        {
            session.Store(Ada() with { Age = 99 }, expectedVersion: 1);
            var error = await Assert.ThrowsAsync<ConcurrencyException>(() => session.SaveChangesAsync());
            Assert.Equal("Document customer 'c1' was expected at version 1 but is at version 2.", error.Message);
            Assert.Equal(("document", "c1", 1L, 2L), (error.Kind, error.Id, error.ExpectedVersion, error.ActualVersion));
        }
        await using (var session = store.LightweightSession("t1"))
        {
            session.Store(Ada() with { Age = 38 }, expectedVersion: 2);
            await session.SaveChangesAsync();
        }

        await using var query = store.QuerySession("t1");
        Assert.Equal(38, (await query.LoadAsync<Customer>("c1"))!.Age);
        Assert.Equal(3, (await query.MetadataForAsync<Customer>("c1"))!.Version);
    }

    [Fact]
    public async Task Expected_version_zero_means_the_document_must_not_exist_yet()
    {
        var store = await NewStoreAsync();
        await using (var session = store.LightweightSession("t1"))
        {
            session.Store(Ada(), expectedVersion: 0);
            await session.SaveChangesAsync();
        }
        await using var again = store.LightweightSession("t1");
        again.Store(Ada() with { Age = 1 }, expectedVersion: 0);
        var error = await Assert.ThrowsAsync<ConcurrencyException>(() => again.SaveChangesAsync());
        Assert.Equal("Document customer 'c1' must be new but already exists at version 1.", error.Message);
    }

    [Fact]
    public async Task Inserting_an_existing_document_raises_a_concurrency_error_and_writes_nothing()
    {
        var store = await NewStoreAsync();
        await StoreAsync(store, "t1", Ada());

        await using (var session = store.LightweightSession("t1"))
        {
            session.Insert(Ada() with { Name = "Impostor" });
            session.Insert(Ada("c2"));
            await Assert.ThrowsAsync<ConcurrencyException>(() => session.SaveChangesAsync());
        }

        await using var query = store.QuerySession("t1");
        Assert.Equal("Ada", (await query.LoadAsync<Customer>("c1"))!.Name);
        Assert.Null(await query.LoadAsync<Customer>("c2"));
    }

    [Fact]
    public async Task Deleting_removes_a_document_and_deleting_a_missing_one_is_not_an_error()
    {
        var store = await NewStoreAsync();
        var summaryId = Guid.NewGuid();
        await StoreAsync(store, "t1", Ada(), Ada("c2"));
        await using (var session = store.LightweightSession("t1"))
        {
            session.Store(new AccountSummary(summaryId, 1, 1));
            await session.SaveChangesAsync();
            session.Delete<Customer>("c1");
            session.Delete<Customer>("never-stored");
            session.Delete<AccountSummary>(summaryId);
            await session.SaveChangesAsync();
        }

        await using var query = store.QuerySession("t1");
        Assert.Null(await query.LoadAsync<Customer>("c1"));
        Assert.Null(await query.LoadAsync<AccountSummary>(summaryId));
        Assert.NotNull(await query.LoadAsync<Customer>("c2"));
    }

    [Fact]
    public async Task Loading_many_returns_the_found_documents_in_request_order_and_leaves_out_missing_ones()
    {
        var store = await NewStoreAsync();
        await StoreAsync(store, "t1", Ada("a"), Ada("b"), Ada("c"));

        await using var query = store.QuerySession("t1");
        var found = await query.LoadManyAsync<Customer>(["c", "missing", "a"]);
        Assert.Equal(["c", "a"], found.Select(c => c.Id));
    }

    [Fact]
    public async Task A_document_conflict_also_discards_the_events_of_the_same_session()
    {
        var store = await NewStoreAsync();
        await StoreAsync(store, "t1", Ada());
        var id = Guid.NewGuid();

        await using (var session = store.LightweightSession("t1"))
        {
            session.Events.StartStream<Account>(id, new AccountOpened("ada"));
            session.Insert(Ada());
            await Assert.ThrowsAsync<ConcurrencyException>(() => session.SaveChangesAsync());
        }

        await using var query = store.QuerySession("t1");
        Assert.Null(await query.Events.FetchStreamStateAsync(id));
        Assert.Empty(await query.Events.FetchStreamAsync(id));
        Assert.Equal(0, await store.FetchHighWaterMarkAsync());
    }
}
