using Hospitality.EventStore;
using Microsoft.Extensions.Logging;

namespace Hospitality.Domain.Devices;

/// <summary>One difference a sweep found and how to mend it; <see cref="Apply"/> answers whether it wrote (false: already mended).</summary>
/// <param name="What">What it mends, for the log (no personal data).</param>
public sealed record Repair(string What, Func<CancellationToken, Task<bool>> Apply);

/// <summary>
/// The durable side of an after-commit effect: compares what a tenant's committed state says should have happened with
/// what is recorded, reading only, and answers a <see cref="Repair"/> per difference. Its repairs go through the same
/// decisions as the listener, which stays the fast path, so a repair racing the listener or another server changes nothing twice.
/// </summary>
public interface ISweep
{
    Task<IReadOnlyList<Repair>> FindAsync(string tenantId, CancellationToken ct);
}

/// <summary>
/// A reconciliation loop over the fleet's after-commit effects (alarms, failed-command alarms, installed recipes): an effect
/// lost because its server died between the commit and the listener, or the listener failed, is made good here. Idempotent and
/// safe on every server at once; a difference that cannot be mended now (or a sweep that fails) is logged and tried next round.
/// </summary>
public sealed partial class FleetSweep(IDocumentStore store, IEnumerable<ISweep> sweeps, ILogger<FleetSweep> logger)
{
    /// <summary>One pass over one tenant; answers how many differences it mended (0 when all was in order).</summary>
    public async Task<int> RepairAsync(string tenantId, CancellationToken ct = default)
    {
        var repaired = 0;
        foreach (var sweep in sweeps)
        {
            IReadOnlyList<Repair> found;
            try
            {
                found = await sweep.FindAsync(tenantId, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e, sweep.GetType().Name, tenantId);
                continue;
            }
            foreach (var repair in found)
            {
                try
                {
                    if (!await repair.Apply(ct)) continue;
                    repaired++;
                    LogRepair(logger, repair.What, tenantId);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRepairFailed(logger, e, repair.What, tenantId);
                }
            }
        }
        if (repaired > 0) LogRepaired(logger, repaired, tenantId);
        return repaired;
    }

    /// <summary>One pass over every tenant with machines; answers how many differences it mended.</summary>
    public async Task<int> RepairAllAsync(CancellationToken ct = default)
    {
        var repaired = 0;
        foreach (var tenant in await FleetTenant.AllAsync(store, ct)) repaired += await RepairAsync(tenant, ct);
        return repaired;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The fleet sweep repaired {Count} lost after-commit effects in tenant {TenantId}")]
    private static partial void LogRepaired(ILogger logger, int count, string tenantId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The fleet sweep repaired: {What} (tenant {TenantId})")]
    private static partial void LogRepair(ILogger logger, string what, string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The fleet sweep could not repair {What} in tenant {TenantId}; the next round tries again")]
    private static partial void LogRepairFailed(ILogger logger, Exception exception, string what, string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The fleet sweep {Sweep} failed in tenant {TenantId}; the next round tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, string sweep, string tenantId);
}
