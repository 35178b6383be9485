using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;

namespace Hospitality.Web.Metrics;

/// <summary>
/// Live hub connections per hub, on this server. A global hub filter sees every hub (Blazor's circuits included,
/// as <c>ComponentHub</c>) whichever lifetime manager carries it, the Redis backplane included. A connection counts
/// once its <c>OnConnectedAsync</c> succeeded, the only case in which SignalR later calls <c>OnDisconnectedAsync</c>.
/// </summary>
public sealed class HubConnectionMetrics : IHubFilter, IMetricsSource
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _connections = new();

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        Interlocked.Increment(ref Count(context.Hub).Value);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            Interlocked.Decrement(ref Count(context.Hub).Value);
        }
    }

    public ValueTask WriteAsync(MetricsWriter metrics, CancellationToken ct)
    {
        metrics.Family("hospitality_hub_connections", MetricType.Gauge, "Open SignalR connections on this server, per hub.");
        foreach (var (hub, count) in _connections.OrderBy(c => c.Key, StringComparer.Ordinal))
            metrics.Sample(Interlocked.Read(ref count.Value), ("hub", hub));
        return ValueTask.CompletedTask;
    }

    private StrongBox<long> Count(Hub hub) => _connections.GetOrAdd(hub.GetType().Name, _ => new StrongBox<long>());
}
