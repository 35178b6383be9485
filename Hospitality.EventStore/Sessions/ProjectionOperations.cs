namespace Hospitality.EventStore.Sessions;

/// <summary>
/// What a projection writes through. Its reads see the session's staged documents first, so two events of one
/// batch build on each other. A document it loaded from storage and stores again must still be at the loaded
/// version at commit: a projection running beside another writer then fails loudly instead of losing an update.
/// </summary>
internal sealed class ProjectionOperations(StoreOptions options, IStoreReader reader, UnitOfWork work)
    : DocumentOperations(options, reader, work)
{
    private readonly Dictionary<(DocumentMapping, string), long> _loadedVersions = [];

    public override async Task<T?> LoadAsync<T>(string id, CancellationToken ct = default) where T : class
    {
        var mapping = Mapping<T>();
        if (Work.LastChangeOf(mapping, id) is { } staged)
            return staged.Json is null ? null : Deserialize<T>(staged.Json);

        var stored = await Reader.LoadAsync(mapping, id, ct);
        _loadedVersions[(mapping, id)] = stored?.Version ?? 0;
        return stored is null ? null : Deserialize<T>(stored.Json);
    }

    protected override long? ImplicitExpectedVersion(DocumentMapping mapping, string id) =>
        Work.LastChangeOf(mapping, id) is null && _loadedVersions.TryGetValue((mapping, id), out var v) ? v : null;
}
