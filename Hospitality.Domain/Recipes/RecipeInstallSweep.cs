using Hospitality.Domain.Devices;
using Hospitality.Domain.RemoteCommands;
using Hospitality.EventStore;
using Microsoft.Extensions.Options;

namespace Hospitality.Domain.Recipes;

/// <summary>
/// The durable side of <see cref="RecipeInstallWatch"/>: for each machine, the newest <c>sync_recipes</c> that succeeded
/// within <see cref="DeviceOptions.SweepWithin"/> and is newer than its <see cref="InstalledRecipes"/> is recorded.
/// </summary>
public sealed class RecipeInstallSweep(IDocumentStore store, TimeProvider clock, IOptions<DeviceOptions> options)
    : FinishedCommandSweep(store, clock, options, CommandStatus.Succeeded, CommandKind.SyncRecipes)
{
    protected override async Task<IReadOnlyList<Repair>> FindAsync(IQuerySession session, string tenantId, IReadOnlyList<RemoteCommand> synced, CancellationToken ct)
    {
        var deviceIds = synced.Select(c => c.DeviceId).Distinct().ToList();
        var known = (await session.Query<InstalledRecipes>().Where(i => deviceIds.Contains(i.Id)).ToListAsync(ct)).ToDictionary(i => i.Id);
        return [.. synced.GroupBy(c => c.DeviceId)
            .Select(machine => machine.Where(c => InstalledRecipes.After(known.GetValueOrDefault(machine.Key), c) is not null).MaxBy(c => (c.QueuedAt, c.Id)))
            .OfType<RemoteCommand>()
            .Select(c => new Repair($"recipes installed on machine {c.DeviceId} by command {c.Id} recorded", ct => RecipeInstallWatch.RecordAsync(Store, tenantId, c, ct)))];
    }
}
