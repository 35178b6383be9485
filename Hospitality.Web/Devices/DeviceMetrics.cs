using Hospitality.Domain.RemoteCommands;
using Hospitality.Web.Metrics;
using MediatR;

namespace Hospitality.Web.Devices;

/// <summary>
/// The fleet in <c>/metrics</c>: the share of machines online and the remote commands not finished, over every tenant,
/// read from the store at most every 15 seconds (a scrape must stay cheap).
/// </summary>
public sealed class DeviceMetrics(IServiceScopeFactory scopes, TimeProvider clock) : IMetricsSource
{
    private static readonly TimeSpan ReadEvery = TimeSpan.FromSeconds(15);
    private readonly SemaphoreSlim _reading = new(1, 1);
    private (FleetTotals Totals, DateTimeOffset At)? _last;

    public async ValueTask WriteAsync(MetricsWriter metrics, CancellationToken ct)
    {
        var totals = await TotalsAsync(ct);
        metrics.Single("hospitality_devices", MetricType.Gauge, "Registered coffee machines.", totals.Devices);
        metrics.Single("hospitality_devices_online_ratio", MetricType.Gauge, "Share of registered machines online (0 to 1).", totals.OnlineRatio);
        metrics.Single("hospitality_commands_pending", MetricType.Gauge, "Remote commands queued, sent or acknowledged, not yet finished.", totals.PendingCommands);
    }

    private async Task<FleetTotals> TotalsAsync(CancellationToken ct)
    {
        await _reading.WaitAsync(ct);
        try
        {
            if (_last is { } last && clock.GetUtcNow() - last.At < ReadEvery) return last.Totals;
            await using var scope = scopes.CreateAsyncScope();
            var totals = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetFleetTotals(), ct);
            _last = (totals, clock.GetUtcNow());
            return totals;
        }
        finally
        {
            _reading.Release();
        }
    }
}
