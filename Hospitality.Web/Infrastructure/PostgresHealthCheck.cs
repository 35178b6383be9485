using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Hospitality.Web.Infrastructure;

/// <summary>
/// PostgreSQL reachable and answering. Written here because AspNetCore.HealthChecks.NpgSql in our feed is a
/// 2019 package that drags Npgsql back to 9.x.
/// </summary>
public sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy("PostgreSQL answered.");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL did not answer.", e);
        }
    }
}
