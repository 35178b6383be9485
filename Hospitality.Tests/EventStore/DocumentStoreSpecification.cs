using Hospitality.EventStore;

namespace Hospitality.Tests.EventStore;

/// <summary>
/// The behaviour every <see cref="IDocumentStore"/> implementation must have. Each concrete subclass supplies a
/// store; the tests (spread over the partial files beside this one) never know which implementation they run on.
/// </summary>
public abstract partial class DocumentStoreSpecification : IAsyncLifetime
{
    private readonly List<IDocumentStore> _stores = [];

    /// <summary>
    /// A store with its own empty storage, or on the same storage as <paramref name="sameDataAs"/> (a second
    /// server). With <paramref name="applySchema"/> false the caller creates the schema itself.
    /// </summary>
    protected abstract Task<IDocumentStore> CreateStoreAsync(StoreOptions options, IDocumentStore? sameDataAs, bool applySchema);

    protected async Task<IDocumentStore> NewStoreAsync(Action<StoreOptions>? configure = null, IDocumentStore? sameDataAs = null, bool applySchema = true)
    {
        var options = SampleStore.Options();
        configure?.Invoke(options);
        var store = await CreateStoreAsync(options, sameDataAs, applySchema);
        _stores.Add(store);
        return store;
    }

    protected static async Task<StreamAction> StartAccountAsync(IDocumentStore store, string tenant, Guid id, params object[] more)
    {
        await using var session = store.LightweightSession(tenant);
        var action = session.Events.StartStream<Account>(id, [new AccountOpened("ada"), .. more]);
        await session.SaveChangesAsync();
        return action;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
    }
}
