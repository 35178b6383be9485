using System.Linq.Expressions;
using System.Text.Json;
using Hospitality.EventStore.Querying;
using Hospitality.EventStore.Sessions;

namespace Hospitality.EventStore.InMemory;

/// <summary>Reads one tenant's slice of <see cref="InMemoryState"/>, returning copies.</summary>
internal sealed class InMemoryReader(StoreOptions options, InMemoryState state, string tenantId) : IStoreReader
{
    public string TenantId => tenantId;

    public Task<StoredDocument?> LoadAsync(DocumentMapping mapping, string id, CancellationToken ct)
    {
        lock (state.Sync)
            return Task.FromResult(state.Documents.GetValueOrDefault((tenantId, mapping.TypeName, id)));
    }

    public Task<IReadOnlyList<StoredDocument>> LoadManyAsync(DocumentMapping mapping, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        lock (state.Sync)
        {
            IReadOnlyList<StoredDocument> found = ids
                .Select(id => state.Documents.GetValueOrDefault((tenantId, mapping.TypeName, id)))
                .OfType<StoredDocument>().ToList();
            return Task.FromResult(found);
        }
    }

    public Task<IReadOnlyList<T>> QueryAsync<T>(QueryModel query, CancellationToken ct) where T : class =>
        Task.FromResult<IReadOnlyList<T>>(Evaluate<T>(query).ToList());

    public Task<int> CountAsync<T>(QueryModel query, CancellationToken ct) where T : class =>
        Task.FromResult(Evaluate<T>(query).Count());

    public Task<IReadOnlyList<IEvent>> FetchStreamAsync(Guid streamId, long version, CancellationToken ct)
    {
        List<StoredEvent> stored;
        lock (state.Sync)
            stored = state.StreamEvents.GetValueOrDefault((tenantId, streamId))?.Where(e => version <= 0 || e.Version <= version).ToList() ?? [];
        return Task.FromResult<IReadOnlyList<IEvent>>(stored.Select(e => ToEvent(options, e)).ToList());
    }

    public Task<StreamState?> FetchStreamStateAsync(Guid streamId, CancellationToken ct)
    {
        lock (state.Sync)
            return Task.FromResult(state.Streams.GetValueOrDefault((tenantId, streamId)));
    }

    public static IEvent ToEvent(StoreOptions options, StoredEvent e)
    {
        var type = options.Events.TypeOf(e.TypeName);
        return new EventRecord
        {
            Id = e.Id, Sequence = e.Sequence, Version = e.Version, StreamId = e.StreamId, TenantId = e.TenantId,
            EventTypeName = e.TypeName, EventType = type,
            Data = JsonSerializer.Deserialize(e.Json, type, options.Json)!,
            Timestamp = e.Timestamp, CorrelationId = e.CorrelationId, CausationId = e.CausationId, UserName = e.UserName,
        };
    }

    /// <summary>
    /// LINQ to objects over fresh copies. The SQL translator checks each expression first, so a query that
    /// PostgreSQL would reject fails here too instead of only in production.
    /// </summary>
    private IEnumerable<T> Evaluate<T>(QueryModel query) where T : class
    {
        var check = new SqlTranslator(options.Json);
        foreach (var p in query.Predicates) check.Predicate(p);
        foreach (var (key, _) in query.Orderings) check.OrderKey(key);

        List<string> bodies;
        lock (state.Sync)
            bodies = state.Documents.Where(d => d.Key.Tenant == tenantId && d.Key.Type == query.Mapping.TypeName)
                .OrderBy(d => d.Key.Id, StringComparer.Ordinal).Select(d => d.Value.Json).ToList();

        var items = bodies.Select(json => JsonSerializer.Deserialize<T>(json, options.Json)!);
        foreach (var predicate in query.Predicates)
            items = items.Where((Func<T, bool>)NullSafeRewriter.Rewrite(predicate).Compile());

        IOrderedEnumerable<T>? ordered = null;
        foreach (var (key, descending) in query.Orderings)
        {
            var safe = NullSafeRewriter.Rewrite(key);
            var selector = Expression.Lambda<Func<T, object?>>(Expression.Convert(safe.Body, typeof(object)), safe.Parameters).Compile();
            ordered = (ordered, descending) switch
            {
                (null, false) => items.OrderBy(selector, OrdinalComparer.Instance),
                (null, true) => items.OrderByDescending(selector, OrdinalComparer.Instance),
                (_, false) => ordered.ThenBy(selector, OrdinalComparer.Instance),
                (_, true) => ordered.ThenByDescending(selector, OrdinalComparer.Instance),
            };
        }
        items = ordered ?? items;
        if (query.Skip is { } skip) items = items.Skip(skip);
        if (query.Take is { } take) items = items.Take(take);
        return items;
    }

    /// <summary>Strings compare ordinally, as PostgreSQL's "C" collation does in the SQL implementation.</summary>
    private sealed class OrdinalComparer : IComparer<object?>
    {
        public static readonly OrdinalComparer Instance = new();
        public int Compare(object? x, object? y) => x is string a && y is string b
            ? string.CompareOrdinal(a, b)
            : Comparer<object?>.Default.Compare(x, y);
    }
}
