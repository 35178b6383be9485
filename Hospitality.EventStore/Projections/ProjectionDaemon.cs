using Hospitality.EventStore.Sessions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hospitality.EventStore;

/// <summary>
/// Runs <see cref="ProjectionRegistry.Async"/> projections from the global event order. Each batch is applied
/// in a session of the events' tenant and commits together with the projection's progress, so a restart
/// resumes exactly where the last commit left off. With several servers, a store-level lock (a PostgreSQL
/// advisory lock) lets only one of them run a given projection; the others keep trying in case it stops.
/// </summary>
public sealed partial class ProjectionDaemon : BackgroundService
{
    private readonly IDocumentStore _store;
    private readonly Projections.IProjectionHost _host;
    private readonly ILogger _logger;
    private readonly Dictionary<string, IAsyncDisposable> _locks = new(StringComparer.Ordinal);

    public ProjectionDaemon(IDocumentStore store, ILogger<ProjectionDaemon>? logger = null)
    {
        _store = store;
        _host = store as Projections.IProjectionHost
            ?? throw new ArgumentException($"{store.GetType()} cannot host asynchronous projections.", nameof(store));
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>How long to wait before looking again when there were no new events.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The most events read from the store at once per projection.</summary>
    public int BatchSize { get; init; } = 500;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunAsync(stoppingToken);

    /// <summary>Runs until <paramref name="ct"/> is cancelled; projection failures are logged and retried.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var progressed = false;
                foreach (var projection in _store.Options.Projections.Async)
                {
                    try
                    {
                        progressed |= await RunBatchAsync(projection, ct);
                    }
                    catch (Exception ex) when (!ct.IsCancellationRequested)
                    {
                        ProjectionFailed(_logger, ex, projection.Name);
                        await ReleaseAsync(projection.Name);
                    }
                }
                if (!progressed) await Task.Delay(PollInterval, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        finally
        {
            foreach (var name in _locks.Keys.ToList()) await ReleaseAsync(name);
        }
    }

    /// <summary>
    /// Waits until every asynchronous projection has applied all events committed when the call started,
    /// whichever server runs them. Throws <see cref="TimeoutException"/> naming the projection that lags.
    /// </summary>
    public async Task WaitForNonStaleDataAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        var target = await _store.FetchHighWaterMarkAsync(ct);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var lagging = await FirstLaggingAsync(target, ct);
            if (lagging is null) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException(
                    $"Projection '{lagging.Value.Name}' is at sequence {lagging.Value.At} and did not reach {target} within {timeout}.");
            await Task.Delay(25, ct);
        }
    }

    private async Task<(string Name, long At)?> FirstLaggingAsync(long target, CancellationToken ct)
    {
        foreach (var projection in _store.Options.Projections.Async)
        {
            var at = await _host.LoadProgressAsync(projection.Name, ct);
            if (at < target) return (projection.Name, at);
        }
        return null;
    }

    private async Task<bool> RunBatchAsync(IProjection projection, CancellationToken ct)
    {
        if (!_locks.ContainsKey(projection.Name))
        {
            if (await _host.TryLockProjectionAsync(projection.Name, ct) is not { } claimed) return false;
            _locks[projection.Name] = claimed;
        }

        var from = await _host.LoadProgressAsync(projection.Name, ct);
        var events = await _store.ReadAllEventsAsync(from, BatchSize, ct);
        if (events.Count == 0) return false;

        // Consecutive events of one tenant share a session; a tenant switch starts the next one, keeping global order.
        foreach (var run in TenantRuns(events))
        {
            var session = _host.ProjectionSession(run[0].TenantId);
            await using var _ = session;
            var operations = new ProjectionOperations(session.Options, session.Reader, session.Work);
            await projection.ApplyAsync(operations, StreamActions(run), ct);
            session.Work.Progress = new ProgressUpdate(projection.Name, run[^1].Sequence);
            await session.SaveChangesAsync(ct);
        }
        return true;
    }

    private static IEnumerable<List<IEvent>> TenantRuns(IReadOnlyList<IEvent> events)
    {
        var run = new List<IEvent>();
        foreach (var e in events)
        {
            if (run.Count > 0 && run[0].TenantId != e.TenantId)
            {
                yield return run;
                run = [];
            }
            run.Add(e);
        }
        if (run.Count > 0) yield return run;
    }

    private static List<StreamAction> StreamActions(List<IEvent> run) => run
        .GroupBy(e => e.StreamId)
        .Select(g => new StreamAction
        {
            Id = g.Key,
            TenantId = g.First().TenantId,
            ActionType = g.First().Version == 1 ? StreamActionType.Start : StreamActionType.Append,
            Version = g.Last().Version,
            Events = g.ToList(),
        })
        .ToList();

    private async Task ReleaseAsync(string name)
    {
        if (!_locks.Remove(name, out var held)) return;
        try { await held.DisposeAsync(); }
        catch (Exception ex) { LockReleaseFailed(_logger, ex, name); }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Async projection {Projection} failed; it will be retried from its recorded progress")]
    private static partial void ProjectionFailed(ILogger logger, Exception exception, string projection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing the lock of async projection {Projection} failed")]
    private static partial void LockReleaseFailed(ILogger logger, Exception exception, string projection);
}
