using System.Linq.Expressions;

namespace Hospitality.EventStore;

/// <summary>Read operations on documents and events of one tenant (Marten's <c>IQuerySession</c>).</summary>
public interface IQuerySession : IAsyncDisposable
{
    /// <summary>The tenant every read of this session is scoped to.</summary>
    string TenantId { get; }

    /// <summary>Read operations on event streams.</summary>
    IQueryEventStore Events { get; }

    /// <summary>Loads a document by id, or null.</summary>
    Task<T?> LoadAsync<T>(string id, CancellationToken ct = default) where T : class;

    /// <summary>Loads a document by id, or null.</summary>
    Task<T?> LoadAsync<T>(Guid id, CancellationToken ct = default) where T : class;

    /// <summary>Loads several documents by id; missing ones are left out.</summary>
    Task<IReadOnlyList<T>> LoadManyAsync<T>(IEnumerable<string> ids, CancellationToken ct = default) where T : class;

    /// <summary>Starts a query over documents of type <typeparamref name="T"/> of this tenant.</summary>
    IDocumentQuery<T> Query<T>() where T : class;

    /// <summary>The stored version and timestamp of a document, or null when it does not exist.</summary>
    Task<DocumentMetadata?> MetadataForAsync<T>(string id, CancellationToken ct = default) where T : class;
}

/// <summary>Document writes staged in a session (Marten's <c>IDocumentOperations</c>). Inline projections get this.</summary>
public interface IDocumentOperations : IQuerySession
{
    /// <summary>Inserts or replaces documents.</summary>
    void Store<T>(params T[] documents) where T : class;

    /// <summary>
    /// Inserts or replaces a document only if its stored version is still <paramref name="expectedVersion"/>
    /// (0 means "must not exist yet"); otherwise <see cref="IDocumentSession.SaveChangesAsync"/> throws <see cref="ConcurrencyException"/>.
    /// </summary>
    void Store<T>(T document, long expectedVersion) where T : class;

    /// <summary>Inserts a document; <see cref="IDocumentSession.SaveChangesAsync"/> throws <see cref="ConcurrencyException"/> if it exists.</summary>
    void Insert<T>(T document) where T : class;

    /// <summary>Deletes a document by id (no error if it does not exist).</summary>
    void Delete<T>(string id) where T : class;

    /// <summary>Deletes a document by id (no error if it does not exist).</summary>
    void Delete<T>(Guid id) where T : class;
}

/// <summary>A unit of work for one tenant: events, inline projections and documents commit together or not at all.</summary>
public interface IDocumentSession : IDocumentOperations
{
    /// <summary>Event stream operations, staged until <see cref="SaveChangesAsync"/>.</summary>
    new IEventOperations Events { get; }

    /// <summary>Correlation id written into the metadata of every event this session appends.</summary>
    string? CorrelationId { get; set; }

    /// <summary>Causation id written into the metadata of every event this session appends.</summary>
    string? CausationId { get; set; }

    /// <summary>The acting user written into the metadata of every event this session appends.</summary>
    string? LastModifiedBy { get; set; }

    /// <summary>
    /// The documents the last successful <see cref="SaveChangesAsync"/> wrote, inline projections included, as
    /// written: what that commit produced, without a read back (a later commit by someone else is not reflected).
    /// </summary>
    CommittedDocuments LastCommitted { get; }

    /// <summary>
    /// Commits staged events, inline projections and documents in one transaction. On a concurrency conflict
    /// it throws <see cref="ConcurrencyException"/> and nothing is written. Subscribers are told of the
    /// committed events only after the commit.
    /// </summary>
    Task SaveChangesAsync(CancellationToken ct = default);
}

/// <summary>Read operations on event streams of one tenant.</summary>
public interface IQueryEventStore
{
    /// <summary>The events of a stream in version order, up to <paramref name="version"/> when it is above 0.</summary>
    Task<IReadOnlyList<IEvent>> FetchStreamAsync(Guid streamId, long version = 0, CancellationToken ct = default);

    /// <summary>
    /// Folds a stream's events with the aggregation registered for <typeparamref name="T"/>
    /// (<see cref="StoreOptions.Projections"/>), up to <paramref name="version"/> when above 0. Null for an unknown stream.
    /// </summary>
    Task<T?> AggregateStreamAsync<T>(Guid streamId, long version = 0, CancellationToken ct = default) where T : class;

    /// <summary>The stream's current version, aggregate type and timestamps, or null.</summary>
    Task<StreamState?> FetchStreamStateAsync(Guid streamId, CancellationToken ct = default);
}

/// <summary>Staged event operations (Marten's <c>IEventOperations</c>).</summary>
public interface IEventOperations : IQueryEventStore
{
    /// <summary>Starts a new stream; throws <see cref="ConcurrencyException"/> at commit if the id is taken.</summary>
    StreamAction StartStream<TAggregate>(Guid streamId, params object[] events) where TAggregate : class;

    /// <summary>Appends to a stream without a version check.</summary>
    StreamAction Append(Guid streamId, params object[] events);

    /// <summary>
    /// Appends to a stream whose current version must be <paramref name="expectedVersion"/> when the session
    /// commits; otherwise <see cref="ConcurrencyException"/> is thrown and nothing is written.
    /// </summary>
    StreamAction Append(Guid streamId, long expectedVersion, params object[] events);
}

/// <summary>
/// A LINQ-shaped query over one tenant's documents. Supported in predicates: member chains compared with
/// ==, !=, &lt;, &lt;=, &gt;, &gt;= against values or other members, &amp;&amp;, ||, !, bool members, null checks,
/// string StartsWith/EndsWith/Contains, <c>values.Contains(x.Member)</c> and <c>x.ListMember.Contains(value)</c>.
/// A null along a member chain makes the comparison false rather than throwing. Anything else throws
/// <see cref="NotSupportedException"/> naming the expression, in every implementation.
/// </summary>
public interface IDocumentQuery<T> where T : class
{
    IDocumentQuery<T> Where(Expression<Func<T, bool>> predicate);
    /// <summary>Orders by a member; a second OrderBy or OrderByDescending adds a further key (like ThenBy). Nulls sort first.</summary>
    IDocumentQuery<T> OrderBy<TKey>(Expression<Func<T, TKey>> key);
    /// <summary>Orders by a member, descending; called after another ordering it adds a further key. Nulls sort last.</summary>
    IDocumentQuery<T> OrderByDescending<TKey>(Expression<Func<T, TKey>> key);
    IDocumentQuery<T> Skip(int count);
    IDocumentQuery<T> Take(int count);
    Task<IReadOnlyList<T>> ToListAsync(CancellationToken ct = default);
    Task<T?> FirstOrDefaultAsync(CancellationToken ct = default);
    Task<int> CountAsync(CancellationToken ct = default);
    Task<bool> AnyAsync(CancellationToken ct = default);
}
