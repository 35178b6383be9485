using System.Text.Json;

namespace Hospitality.EventStore.Sessions;

/// <summary>
/// Reads of one tenant, shared by both implementations: the <see cref="IStoreReader"/> fetches stored JSON and
/// this class turns it into fresh objects, so callers never hold a reference into stored state.
/// </summary>
internal class QuerySession(StoreOptions options, IStoreReader reader) : IQuerySession, IQueryEventStore
{
    public StoreOptions Options { get; } = options;
    public string TenantId => Reader.TenantId;
    public IQueryEventStore Events => this;
    internal IStoreReader Reader { get; } = reader;

    public virtual async Task<T?> LoadAsync<T>(string id, CancellationToken ct = default) where T : class
    {
        var stored = await Reader.LoadAsync(Mapping<T>(), id, ct);
        return stored is null ? null : Deserialize<T>(stored.Json);
    }

    public Task<T?> LoadAsync<T>(Guid id, CancellationToken ct = default) where T : class =>
        LoadAsync<T>(DocumentRegistry.IdString(id), ct);

    public virtual async Task<IReadOnlyList<T>> LoadManyAsync<T>(IEnumerable<string> ids, CancellationToken ct = default) where T : class
    {
        var stored = await Reader.LoadManyAsync(Mapping<T>(), ids.Distinct().ToList(), ct);
        return stored.Select(s => Deserialize<T>(s.Json)).ToList();
    }

    public IDocumentQuery<T> Query<T>() where T : class =>
        new DocumentQuery<T>(Reader, new QueryModel(Mapping<T>(), [], [], null, null));

    public async Task<DocumentMetadata?> MetadataForAsync<T>(string id, CancellationToken ct = default) where T : class
    {
        var stored = await Reader.LoadAsync(Mapping<T>(), id, ct);
        return stored is null ? null : new DocumentMetadata(stored.Id, TenantId, stored.Version, stored.LastModified);
    }

    public Task<IReadOnlyList<IEvent>> FetchStreamAsync(Guid streamId, long version = 0, CancellationToken ct = default) =>
        Reader.FetchStreamAsync(streamId, version, ct);

    public async Task<T?> AggregateStreamAsync<T>(Guid streamId, long version = 0, CancellationToken ct = default) where T : class
    {
        var evolve = Options.Projections.AggregationFor(typeof(T));
        object? state = null;
        foreach (var e in await Reader.FetchStreamAsync(streamId, version, ct))
            state = evolve(state, e);
        return (T?)state;
    }

    public Task<StreamState?> FetchStreamStateAsync(Guid streamId, CancellationToken ct = default) =>
        Reader.FetchStreamStateAsync(streamId, ct);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected DocumentMapping Mapping<T>() => Options.Schema.MappingFor(typeof(T));

    protected T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options.Json) ?? throw new InvalidOperationException($"Stored {typeof(T)} is null.");
}
