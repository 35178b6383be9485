using Hospitality.Domain.Devices;
using Hospitality.Domain.RemoteCommands;
using Hospitality.EventStore;
using Microsoft.Extensions.Options;

namespace Hospitality.Domain.Recipes;

/// <summary>
/// The durable side of <see cref="RecipeInstallWatch"/>: for each machine, the newest <c>sync_recipes</c> that succeeded
/// within <see cref="FleetSweepOptions.Within"/> and is newer than its <see cref="InstalledRecipes"/> is recorded.
/// </summary>
public sealed class RecipeInstallSweep(IDocumentStore store, TimeProvider clock, IOptions<FleetSweepOptions> options) : ISweep
{
    public async Task<IReadOnlyList<Repair>> FindAsync(string tenantId, CancellationToken ct)
    {
        var since = clock.GetUtcNow() - options.Value.Within;
        await using var session = store.QuerySession(tenantId);
        var synced = await session.Query<RemoteCommand>()
            .Where(c => c.Kind == CommandKind.SyncRecipes && c.Status == CommandStatus.Succeeded && c.FinishedAt >= since).ToListAsync(ct);
        if (synced.Count == 0) return [];
        var deviceIds = synced.Select(c => c.DeviceId).Distinct().ToList();
        var known = (await session.Query<InstalledRecipes>().Where(i => deviceIds.Contains(i.Id)).ToListAsync(ct)).ToDictionary(i => i.Id);
        return [.. synced.GroupBy(c => c.DeviceId)
            .Select(machine => machine.Where(c => InstalledRecipes.After(known.GetValueOrDefault(machine.Key), c) is not null).MaxBy(c => (c.QueuedAt, c.Id)))
            .OfType<RemoteCommand>()
            .Select(c => new Repair($"recipes installed on machine {c.DeviceId} by command {c.Id} recorded", ct => RecipeInstallWatch.RecordAsync(store, tenantId, c, ct)))];
    }
}
