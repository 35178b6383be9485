using Hospitality.Domain.Devices;
using Hospitality.Domain.Recipes;
using Hospitality.Domain.RemoteCommands;
using Hospitality.EventStore;
using Hospitality.Tests.Devices;
using Hospitality.Web.Demo;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Tests.Recipes;

/// <summary>
/// The fleet sweep makes a machine's installed recipes durable: on a server that never records them after a sync succeeds
/// (as if it died each time), one pass records the newest sync, by the listener's own rule, and a second changes nothing.
/// </summary>
public class RecipeInstallSweepTests(LostEffects servers) : IClassFixture<LostEffects>
{
    /// <summary>The demo's recipes and its espresso package (version 1) in the fleet's tenant.</summary>
    private static async Task<RecipePackage> EspressoMenuAsync(LostFleet fleet)
    {
        await using (var scope = fleet.Host.Services.CreateAsyncScope())
            await RecipeDemo.SeedAsync(scope.ServiceProvider.GetRequiredService<IMediator>(), fleet.Manager);
        return Assert.Single(await fleet.SendAsync(new ListRecipePackages(fleet.Manager, RecipeDemo.Espresso)));
    }

    /// <summary>Deploys a version to the machine; answers its sync command.</summary>
    private static async Task<Guid> DeployAsync(LostFleet fleet, RecipePackage package, int version, Guid deviceId) =>
        Assert.Single((await fleet.SendAsync(new DeployRecipePackage(fleet.Manager, package.Id, version, [deviceId], null))).Devices).CommandId!.Value;

    /// <summary>The machine takes its due syncs and acknowledges them, then reports each of <paramref name="commandIds"/> done, in that order.</summary>
    private static async Task InstallAsync(LostFleet fleet, Guid deviceId, params Guid[] commandIds)
    {
        var machine = new DeviceCaller(fleet.TenantId, deviceId);
        foreach (var command in await fleet.SendAsync(new TakeDueCommands(machine, "poll"))) await fleet.SendAsync(new AcknowledgeCommand(machine, command.Id));
        foreach (var id in commandIds) Assert.Equal(CommandStatus.Succeeded, (await fleet.SendAsync(new CompleteCommand(machine, id, true, "Installed"))).Status);
    }

    private static async Task<InstalledRecipes?> InstalledAsync(LostFleet fleet, Guid deviceId) =>
        (await fleet.SendAsync(new GetInstalledRecipes(fleet.Manager, deviceId))).Installed;

    private static async Task<long?> StoredVersionAsync(LostFleet fleet, Guid deviceId)
    {
        await using var session = fleet.Host.Store.QuerySession(fleet.TenantId);
        return (await session.MetadataForAsync<InstalledRecipes>(DocumentRegistry.IdString(deviceId)))?.Version;
    }

    [Theory, InlineData(LostEffects.Memory), InlineData(LostEffects.Postgres)]
    public async Task A_succeeded_sync_whose_install_was_lost_is_recorded_by_the_sweep_once(string store)
    {
        var fleet = await servers.TenantAsync(store);
        var id = await fleet.MachineAsync();
        var package = await EspressoMenuAsync(fleet);
        var sync = await DeployAsync(fleet, package, 1, id);
        await InstallAsync(fleet, id, sync);
        Assert.Null(await InstalledAsync(fleet, id));

        Assert.Equal(1, await fleet.SweepAsync());
        var installed = await InstalledAsync(fleet, id);
        Assert.Equal((package.Id, 1, sync), (installed?.PackageId, installed?.Version, installed?.CommandId));

        var version = await StoredVersionAsync(fleet, id);
        Assert.Equal(0, await fleet.SweepAsync());
        Assert.Equal(version, await StoredVersionAsync(fleet, id));
    }

    [Theory, InlineData(LostEffects.Memory), InlineData(LostEffects.Postgres)]
    public async Task Of_two_lost_installs_the_sweep_records_the_sync_queued_last_even_when_it_succeeded_first(string store)
    {
        var fleet = await servers.TenantAsync(store);
        var id = await fleet.MachineAsync();
        var package = await EspressoMenuAsync(fleet);
        var recipes = package.Versions[0].Recipes.Select(r => r.RecipeId).ToList();
        await fleet.SendAsync(new PublishRecipePackage(fleet.Manager, package.Name, package.Model, recipes));
        var first = await DeployAsync(fleet, package, 1, id);
        var second = await DeployAsync(fleet, package, 2, id);
        await InstallAsync(fleet, id, second, first);

        Assert.Equal(1, await fleet.SweepAsync());
        Assert.Equal((2, second), ((await InstalledAsync(fleet, id))?.Version, (await InstalledAsync(fleet, id))?.CommandId));
        Assert.Equal(0, await fleet.SweepAsync());
    }
}
