using Hospitality.EventStore;

namespace Hospitality.Tests.EventStore;

/// <summary>Conjoined tenancy: every read and write of a session stays inside its tenant.</summary>
public abstract partial class DocumentStoreSpecification
{
    [Fact]
    public async Task Tenant_b_cannot_load_query_fetch_or_overwrite_what_tenant_a_wrote()
    {
        var store = await NewStoreAsync();
        var stream = Guid.NewGuid();
        await StoreAsync(store, "tenant-a", Ada());
        await StartAccountAsync(store, "tenant-a", stream, new Deposited(5));

        await using (var b = store.LightweightSession("tenant-b"))
        {
            Assert.Equal("tenant-b", b.TenantId);
            Assert.Null(await b.LoadAsync<Customer>("c1"));
            Assert.Empty(await b.LoadManyAsync<Customer>(["c1"]));
            Assert.Null(await b.MetadataForAsync<Customer>("c1"));
            Assert.Equal(0, await b.Query<Customer>().CountAsync());
            Assert.Empty(await b.Query<Customer>().Where(c => c.Name == "Ada").ToListAsync());
            Assert.Empty(await b.Events.FetchStreamAsync(stream));
            Assert.Null(await b.Events.FetchStreamStateAsync(stream));
            Assert.Null(await b.Events.AggregateStreamAsync<Account>(stream));

            b.Events.Append(stream, expectedVersion: 2, new Deposited(1));
            var error = await Assert.ThrowsAsync<ConcurrencyException>(() => b.SaveChangesAsync());
            Assert.Equal($"Stream {stream} was expected at version 2 but does not exist.", error.Message);
        }
        await using (var b = store.LightweightSession("tenant-b"))
        {
            b.Delete<Customer>("c1");
            await b.SaveChangesAsync();
        }

        await using var a = store.QuerySession("tenant-a");
        Assert.NotNull(await a.LoadAsync<Customer>("c1"));
        Assert.Equal(2, (await a.Events.FetchStreamStateAsync(stream))!.Version);
    }

    [Fact]
    public async Task The_same_stream_and_document_ids_in_two_tenants_do_not_collide()
    {
        var store = await NewStoreAsync();
        var stream = Guid.NewGuid();
        await StartAccountAsync(store, "tenant-a", stream, new Deposited(1));
        await StartAccountAsync(store, "tenant-b", stream, new Deposited(20), new Deposited(20));
        await StoreAsync(store, "tenant-a", Ada() with { Name = "A" });
        await StoreAsync(store, "tenant-b", Ada() with { Name = "B" });

        await using var a = store.QuerySession("tenant-a");
        await using var b = store.QuerySession("tenant-b");
        Assert.Equal((1m, 40m), ((await a.Events.AggregateStreamAsync<Account>(stream))!.Balance, (await b.Events.AggregateStreamAsync<Account>(stream))!.Balance));
        Assert.Equal(("A", "B"), ((await a.LoadAsync<Customer>("c1"))!.Name, (await b.LoadAsync<Customer>("c1"))!.Name));
        Assert.Equal((1L, 1L), ((await a.MetadataForAsync<Customer>("c1"))!.Version, (await b.MetadataForAsync<Customer>("c1"))!.Version));
    }
}
