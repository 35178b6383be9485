namespace Hospitality.Web.Metrics;

/// <summary>
/// Contributes metric families to every <c>/metrics</c> scrape. A feature registers one in DI and is scraped with
/// the rest, e.g. the devices feature:
/// <code>
/// services.AddSingleton&lt;IMetricsSource, DeviceMetrics&gt;();
///
/// sealed class DeviceMetrics(DeviceFleet fleet) : IMetricsSource
/// {
///     public ValueTask WriteAsync(MetricsWriter metrics, CancellationToken ct)
///     {
///         metrics.Single("hospitality_devices_online_ratio", MetricType.Gauge, "Share of registered devices online.", fleet.OnlineRatio);
///         metrics.Single("hospitality_commands_pending", MetricType.Gauge, "Remote commands not yet succeeded, failed or expired.", fleet.PendingCommands);
///         return ValueTask.CompletedTask;
///     }
/// }
/// </code>
/// The scrape is unauthenticated (see <see cref="MetricsAccess"/>): write aggregates over all tenants, never a tenant
/// id, name or anything a guest typed, and keep label values to a small fixed set. A scrape may come every few
/// seconds from several scrapers: keep it cheap (counters kept up to date, or a bounded read cached for a while).
/// A source that throws is logged and left out of that scrape; the others are still served.
/// </summary>
public interface IMetricsSource
{
    ValueTask WriteAsync(MetricsWriter metrics, CancellationToken ct);
}
