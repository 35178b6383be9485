using Hospitality.EventStore.Sessions;

namespace Hospitality.EventStore.Projections;

/// <summary>What <see cref="ProjectionDaemon"/> needs from a store beyond the public contract.</summary>
internal interface IProjectionHost
{
    /// <summary>A session whose commit can also record projection progress (<see cref="UnitOfWork.Progress"/>).</summary>
    DocumentSession ProjectionSession(string tenantId);

    /// <summary>The last global sequence the projection has applied, 0 if it never ran.</summary>
    Task<long> LoadProgressAsync(string name, CancellationToken ct);

    /// <summary>
    /// Claims the right to run the projection, held until disposed; null while another server holds it.
    /// </summary>
    Task<IAsyncDisposable?> TryLockProjectionAsync(string name, CancellationToken ct);
}
