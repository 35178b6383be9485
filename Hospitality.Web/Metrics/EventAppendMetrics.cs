using Hospitality.EventStore;

namespace Hospitality.Web.Metrics;

/// <summary>
/// Events appended by this server's commits, told by the store after each commit. A counter: its rate is the append
/// rate, and the sum over servers is the cluster's.
/// </summary>
public sealed class EventAppendMetrics : ICommitListener, IMetricsSource
{
    private long _events;
    private long _commits;

    public Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CancellationToken ct)
    {
        var events = committed.Sum(s => s.Events.Count);
        if (events == 0) return Task.CompletedTask;   // documents only
        Interlocked.Add(ref _events, events);
        Interlocked.Increment(ref _commits);
        return Task.CompletedTask;
    }

    public ValueTask WriteAsync(MetricsWriter metrics, CancellationToken ct)
    {
        metrics.Single("hospitality_events_appended_total", MetricType.Counter, "Events appended to the event store by this server.", Interlocked.Read(ref _events));
        metrics.Single("hospitality_event_commits_total", MetricType.Counter, "Commits with at least one event made by this server.", Interlocked.Read(ref _commits));
        return ValueTask.CompletedTask;
    }
}
