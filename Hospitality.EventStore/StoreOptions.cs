using System.Text.Json;

namespace Hospitality.EventStore;

/// <summary>
/// Everything the store knows of the application, registered explicitly: no assembly scanning, no runtime
/// code generation (Marten's <c>StoreOptions</c>, minus the conventions).
/// </summary>
public sealed class StoreOptions
{
    /// <summary>PostgreSQL schema that holds the store's tables.</summary>
    public string DatabaseSchemaName { get; set; } = "hospitality";

    /// <summary>Serializer settings for event and document bodies.</summary>
    public JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public EventTypeRegistry Events { get; } = new();
    public DocumentRegistry Schema { get; } = new();
    public ProjectionRegistry Projections { get; } = new();

    /// <summary>Called after a session commits, with the committed events (for pushing to clients).</summary>
    public List<ICommitListener> Listeners { get; } = [];

    /// <summary>Called as a session starts to save, in time to add to what it writes (Marten's <c>IDocumentSessionListener</c>).</summary>
    public List<ISessionListener> SessionListeners { get; } = [];

    /// <summary>The clock used for event and document timestamps.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;
}

/// <summary>Maps event CLR types to stored type names and back. Every event type must be registered.</summary>
public sealed class EventTypeRegistry
{
    private readonly Dictionary<Type, string> _names = [];
    private readonly Dictionary<string, Type> _types = new(StringComparer.Ordinal);

    /// <summary>Registers an event type under a name (default: the type name in snake_case).</summary>
    public EventTypeRegistry Add<T>(string? name = null) => Add(typeof(T), name);

    public EventTypeRegistry Add(Type type, string? name = null)
    {
        name ??= SnakeCase(type.Name);
        if (_types.TryGetValue(name, out var existing) && existing != type)
            throw new InvalidOperationException($"Event type name '{name}' is registered for both {existing} and {type}.");
        _names[type] = name;
        _types[name] = type;
        return this;
    }

    public string NameOf(Type type) => _names.TryGetValue(type, out var name)
        ? name
        : throw new InvalidOperationException($"Event type {type} is not registered in StoreOptions.Events.");

    public Type TypeOf(string name) => _types.TryGetValue(name, out var type)
        ? type
        : throw new InvalidOperationException($"No event type is registered under the name '{name}'.");

    public static string SnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}

/// <summary>Document types and how to read their identity.</summary>
public sealed class DocumentRegistry
{
    private readonly Dictionary<Type, DocumentMapping> _mappings = [];

    /// <summary>Registers a document type whose id is read by <paramref name="id"/> (string, Guid, int or long).</summary>
    public DocumentRegistry For<T>(Func<T, object> id, string? name = null) where T : class
    {
        _mappings[typeof(T)] = new DocumentMapping(typeof(T), name ?? EventTypeRegistry.SnakeCase(typeof(T).Name), d => IdString(id((T)d)));
        return this;
    }

    public DocumentMapping MappingFor(Type type) => _mappings.TryGetValue(type, out var m)
        ? m
        : throw new InvalidOperationException($"Document type {type} is not registered in StoreOptions.Schema.");

    public IEnumerable<DocumentMapping> All => _mappings.Values;

    /// <summary>The canonical string form of an id value.</summary>
    public static string IdString(object id) => id switch
    {
        string s => s,
        Guid g => g.ToString("D"),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => id.ToString() ?? throw new InvalidOperationException("Document id is null."),
    };
}

/// <summary>A registered document type: its stored type name and identity.</summary>
public sealed record DocumentMapping(Type DocumentType, string TypeName, Func<object, string> IdOf);

/// <summary>Aggregations (live stream folding) and projections.</summary>
public sealed class ProjectionRegistry
{
    private readonly Dictionary<Type, Func<object?, IEvent, object?>> _aggregations = [];

    /// <summary>Inline projections run inside SaveChangesAsync's transaction.</summary>
    public List<IProjection> Inline { get; } = [];

    /// <summary>Asynchronous projections run by <see cref="ProjectionDaemon"/> from committed events, in global order.</summary>
    public List<IProjection> Async { get; } = [];

    /// <summary>
    /// Registers how a stream folds into <typeparamref name="T"/> for <see cref="IQueryEventStore.AggregateStreamAsync{T}"/>.
    /// <paramref name="evolve"/> gets the state so far (null before the first event) and returns the next state.
    /// </summary>
    public ProjectionRegistry LiveStreamAggregation<T>(Func<T?, IEvent, T?> evolve) where T : class
    {
        _aggregations[typeof(T)] = (state, e) => evolve((T?)state, e);
        return this;
    }

    /// <summary>
    /// Keeps <typeparamref name="T"/> as a document per stream, folded inline with the commit that appends to it (Marten's
    /// <c>Snapshot&lt;T&gt;(SnapshotLifecycle.Inline)</c>), and registers the same fold as its live aggregation.
    /// Only streams with at least one of <paramref name="eventTypes"/> are read, so other commits pay nothing.
    /// The document type must be registered with <see cref="DocumentRegistry.For{T}"/>, keyed by the stream id.
    /// </summary>
    public ProjectionRegistry InlineSnapshot<T>(string name, Func<T?, IEvent, T?> evolve, params Type[] eventTypes) where T : class
    {
        LiveStreamAggregation(evolve);
        Inline.Add(new SnapshotProjection<T>(name, evolve, [.. eventTypes]));
        return this;
    }

    public Func<object?, IEvent, object?> AggregationFor(Type type) => _aggregations.TryGetValue(type, out var f)
        ? f
        : throw new InvalidOperationException($"No live stream aggregation is registered for {type}.");
}

/// <summary>
/// Turns events into documents. Inline: inside the committing transaction, with the session's tenant.
/// Async: from the global event order, with the operations scoped to each event's tenant.
/// </summary>
public interface IProjection
{
    /// <summary>A stable name; asynchronous projections record their progress under it.</summary>
    string Name { get; }

    /// <param name="operations">Document reads and writes of the events' tenant; writes commit with the events (inline) or with the projection's progress (async).</param>
    /// <param name="streams">The events, grouped per stream, in commit order.</param>
    /// <param name="ct">Cancels the projection run.</param>
    Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<StreamAction> streams, CancellationToken ct);
}

/// <summary>
/// Told when a session with changes starts to save. Whatever it stages on the session commits in the same
/// transaction as the session's own changes, or not at all. A failed save keeps it staged for a retry of that session.
/// </summary>
public interface ISessionListener
{
    Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken ct);
}

/// <summary>Told of committed events after the transaction commits. Failures are logged, never undo the commit.</summary>
public interface ICommitListener
{
    Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CancellationToken ct);

    /// <summary>
    /// What the store calls. <paramref name="documents"/> are the documents the commit wrote (inline projections
    /// included), so a listener can use them without reading them back. By default they are ignored.
    /// </summary>
    Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CommittedDocuments documents, CancellationToken ct) =>
        AfterCommitAsync(tenantId, committed, ct);
}
