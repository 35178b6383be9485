namespace Hospitality.EventStore;

/// <summary>
/// The entry point of the event and document store, shaped after Marten's <c>IDocumentStore</c> so that a
/// later swap to Marten is mechanical. Every session is scoped to exactly one tenant (conjoined tenancy):
/// there is no way to open a session that reads or writes across tenants.
/// </summary>
public interface IDocumentStore : IAsyncDisposable
{
    /// <summary>Options the store was built with (registered event types, documents, projections).</summary>
    StoreOptions Options { get; }

    /// <summary>A read-write session for one tenant. Nothing is written until <see cref="IDocumentSession.SaveChangesAsync"/>.</summary>
    IDocumentSession LightweightSession(string tenantId);

    /// <summary>A read-only session for one tenant.</summary>
    IQuerySession QuerySession(string tenantId);

    /// <summary>Creates or upgrades the schema, idempotently. Safe to call from several servers at once.</summary>
    Task ApplyAllConfiguredChangesToDatabaseAsync(CancellationToken ct = default);

    /// <summary>The highest global sequence whose events (and every lower one) are committed and visible.</summary>
    Task<long> FetchHighWaterMarkAsync(CancellationToken ct = default);

    /// <summary>
    /// Reads committed events of all tenants in global sequence order, after <paramref name="afterSequence"/>,
    /// never past the high water mark: a slow transaction holding a lower sequence is never skipped.
    /// This is the only cross-tenant read and exists for subscriptions and asynchronous projections.
    /// </summary>
    Task<IReadOnlyList<IEvent>> ReadAllEventsAsync(long afterSequence, int maxCount, CancellationToken ct = default);
}
