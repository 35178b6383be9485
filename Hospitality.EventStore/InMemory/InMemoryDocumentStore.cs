using Hospitality.EventStore.Projections;
using Hospitality.EventStore.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hospitality.EventStore.InMemory;

/// <summary>
/// The embedded store: same contract and behaviour as the PostgreSQL one, kept in process memory. Thread-safe;
/// each SaveChangesAsync validates everything before it changes anything, so it is all or nothing.
/// </summary>
public sealed class InMemoryDocumentStore : IDocumentStore, ISessionCommitter, IProjectionHost
{
    private readonly InMemoryState _state = new();
    private readonly ILogger _logger;
    private readonly HashSet<string> _runningProjections = new(StringComparer.Ordinal);

    public InMemoryDocumentStore(StoreOptions options, ILogger<InMemoryDocumentStore>? logger = null)
    {
        Options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public StoreOptions Options { get; }

    public IDocumentSession LightweightSession(string tenantId) =>
        new DocumentSession(Options, Reader(tenantId), this);

    public IQuerySession QuerySession(string tenantId) => new QuerySession(Options, Reader(tenantId));

    /// <summary>Nothing to create in memory; present so callers need not know which store they have.</summary>
    public Task ApplyAllConfiguredChangesToDatabaseAsync(CancellationToken ct = default) => Task.CompletedTask;

    /// <summary>Commits are applied whole under one lock, so there are never gaps: the last sequence is the mark.</summary>
    public Task<long> FetchHighWaterMarkAsync(CancellationToken ct = default)
    {
        lock (_state.Sync) return Task.FromResult((long)_state.Events.Count);
    }

    public Task<IReadOnlyList<IEvent>> ReadAllEventsAsync(long afterSequence, int maxCount, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        List<StoredEvent> page;
        lock (_state.Sync)
        {
            // Sequence n sits at index n - 1.
            var start = (int)Math.Clamp(afterSequence, 0, _state.Events.Count);
            page = _state.Events.GetRange(start, Math.Min(maxCount, _state.Events.Count - start));
        }
        return Task.FromResult<IReadOnlyList<IEvent>>(page.Select(e => InMemoryReader.ToEvent(Options, e)).ToList());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    async Task ISessionCommitter.CommitAsync(DocumentSession session, CancellationToken ct)
    {
        await _state.CommitGate.WaitAsync(ct);
        try
        {
            var now = Options.Clock.GetUtcNow();
            session.StampEvents(now);
            var commit = new InMemoryCommit(Options, _state, session.TenantId, now);
            commit.CheckStreams(session.Work.Streams);
            await CommitSteps.RunInlineProjectionsAsync(Options, Reader(session.TenantId), session.Work, ct);
            commit.CheckDocuments(session.Work.Documents);
            commit.Apply(session.Work);
        }
        finally
        {
            _state.CommitGate.Release();
        }
        await CommitSteps.NotifyListenersAsync(Options, _logger, session.TenantId, session.Work.Streams.ToList(), session.MarkCommitted());
    }

    DocumentSession IProjectionHost.ProjectionSession(string tenantId) => (DocumentSession)LightweightSession(tenantId);

    Task<long> IProjectionHost.LoadProgressAsync(string name, CancellationToken ct)
    {
        lock (_state.Sync) return Task.FromResult(_state.Progress.GetValueOrDefault(name));
    }

    /// <summary>No other server shares this memory, but two daemons in one process must still not both run a projection.</summary>
    Task<IAsyncDisposable?> IProjectionHost.TryLockProjectionAsync(string name, CancellationToken ct)
    {
        lock (_runningProjections)
            return Task.FromResult<IAsyncDisposable?>(_runningProjections.Add(name) ? new ProjectionClaim(this, name) : null);
    }

    private InMemoryReader Reader(string tenantId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        return new InMemoryReader(Options, _state, tenantId);
    }

    private sealed class ProjectionClaim(InMemoryDocumentStore store, string name) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            lock (store._runningProjections) store._runningProjections.Remove(name);
            return ValueTask.CompletedTask;
        }
    }
}
