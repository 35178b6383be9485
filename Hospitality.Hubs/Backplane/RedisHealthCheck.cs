using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hospitality.Hubs.Backplane;

/// <summary>
/// Health of the backplane's Redis: PING through the shared connection. Degraded while PING works but the
/// subscriptions are not yet proven restored after an outage (updates from other servers may be missing).
/// </summary>
public sealed class RedisHealthCheck(RedisBackplaneConnection redis) : IHealthCheck
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var mux = await redis.GetMultiplexerAsync().ConfigureAwait(false);
            var latency = await mux.GetDatabase().PingAsync().OffReader().WaitAsync(PingTimeout, cancellationToken).ConfigureAwait(false);
            var data = new Dictionary<string, object> { ["pingMs"] = latency.TotalMilliseconds };
            return redis.IsConnected
                ? HealthCheckResult.Healthy("Redis answers PING", data)
                : HealthCheckResult.Degraded("Redis answers PING but backplane subscriptions are not restored yet", data: data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis PING failed", ex);
        }
    }
}
