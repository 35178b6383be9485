using Hospitality.EventStore;

namespace Hospitality.Tests.EventStore;

public abstract partial class DocumentStoreSpecification
{
    [Fact]
    public async Task Applying_the_schema_again_keeps_existing_data()
    {
        var store = await NewStoreAsync();
        var id = Guid.NewGuid();
        await StartAccountAsync(store, "t1", id);
        await store.ApplyAllConfiguredChangesToDatabaseAsync();
        await store.ApplyAllConfiguredChangesToDatabaseAsync();

        await using var query = store.QuerySession("t1");
        Assert.Equal(1, (await query.Events.FetchStreamStateAsync(id))!.Version);
    }

    [Fact]
    public async Task Several_servers_creating_the_schema_at_once_all_succeed()
    {
        var first = await NewStoreAsync(applySchema: false);
        var others = new List<IDocumentStore> { first };
        for (var i = 0; i < 3; i++) others.Add(await NewStoreAsync(sameDataAs: first, applySchema: false));

        await Task.WhenAll(others.Select(s => s.ApplyAllConfiguredChangesToDatabaseAsync()));

        var id = Guid.NewGuid();
        await StartAccountAsync(others[^1], "t1", id);
        await using var query = first.QuerySession("t1");
        Assert.Equal(1, (await query.Events.FetchStreamStateAsync(id))!.Version);
    }
}
