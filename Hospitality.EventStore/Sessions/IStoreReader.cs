namespace Hospitality.EventStore.Sessions;

/// <summary>The reads an implementation provides for one tenant; sessions add (de)serialization on top.</summary>
internal interface IStoreReader
{
    string TenantId { get; }
    Task<StoredDocument?> LoadAsync(DocumentMapping mapping, string id, CancellationToken ct);
    Task<IReadOnlyList<StoredDocument>> LoadManyAsync(DocumentMapping mapping, IReadOnlyCollection<string> ids, CancellationToken ct);
    Task<IReadOnlyList<T>> QueryAsync<T>(QueryModel query, CancellationToken ct) where T : class;
    Task<int> CountAsync<T>(QueryModel query, CancellationToken ct) where T : class;
    Task<IReadOnlyList<IEvent>> FetchStreamAsync(Guid streamId, long version, CancellationToken ct);
    Task<StreamState?> FetchStreamStateAsync(Guid streamId, CancellationToken ct);
}

/// <summary>Commits a session's unit of work atomically.</summary>
internal interface ISessionCommitter
{
    Task CommitAsync(DocumentSession session, CancellationToken ct);
}
