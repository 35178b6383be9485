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

    /// <summary>
    /// One read for many documents, with the same rules as <see cref="LoadAsync{T}(string, CancellationToken)"/>: staged
    /// documents win, and every document read from storage (or found missing) is version-checked when stored again.
    /// </summary>
    public override async Task<IReadOnlyList<T>> LoadManyAsync<T>(IEnumerable<string> ids, CancellationToken ct = default) where T : class
    {
        var mapping = Mapping<T>();
        var found = new List<T>();
        var unstaged = new List<string>();
        foreach (var id in ids.Distinct())
        {
            if (Work.LastChangeOf(mapping, id) is not { } staged) unstaged.Add(id);
            else if (staged.Json is not null) found.Add(Deserialize<T>(staged.Json));
        }
        if (unstaged.Count == 0) return found;

        foreach (var id in unstaged) _loadedVersions[(mapping, id)] = 0;
        foreach (var stored in await Reader.LoadManyAsync(mapping, unstaged, ct))
        {
            _loadedVersions[(mapping, stored.Id)] = stored.Version;
            found.Add(Deserialize<T>(stored.Json));
        }
        return found;
    }

    protected override long? ImplicitExpectedVersion(DocumentMapping mapping, string id) =>
        Work.LastChangeOf(mapping, id) is null && _loadedVersions.TryGetValue((mapping, id), out var v) ? v : null;
}
