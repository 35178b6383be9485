using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;
using static Hospitality.Tests.RemoteCommands.CommandsApiTests;
using static Hospitality.Tests.Recipes.RecipesApiTests;

namespace Hospitality.Tests.Recipes;

/// <summary>Rolling a deployment back machine by machine, through the real hosts (two servers, PostgreSQL, Redis).</summary>
public class RecipeRollbackApiTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    /// <summary>A package of its own model with <paramref name="versions"/> versions; answers the manager, the model, the package id and name.</summary>
    private async Task<(HttpClient Manager, string Model, string PackageId, string Name)> PackageAsync(int versions)
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var model = await ModelAsync(manager);
        var latte = await RecipeAsync(manager, model, Latte);
        var name = $"Menu {Guid.NewGuid():N}"[..13];
        JsonNode package = await PublishAsync(manager, name, model, (string)latte["id"]!);
        for (var v = 2; v <= versions; v++) package = await PublishAsync(manager, name, model, (string)latte["id"]!);
        return (manager, model, (string)package["id"]!, name);
    }

    private static async Task<JsonNode> DeployAsync(HttpClient manager, string packageId, int version, params string[] deviceIds) =>
        await DataAsync(await manager.PostAsJsonAsync("/api/v1/recipe-deployments", new { packageId, version, deviceIds }));

    /// <summary>Deploys, lets each machine install it, and waits until the server recorded each install.</summary>
    private async Task InstalledAsync(HttpClient manager, string packageId, int version, params (string Id, HttpClient Client)[] machines)
    {
        await DeployAsync(manager, packageId, version, [.. machines.Select(m => m.Id)]);
        var staff = await cluster.B.StaffAsync(cluster.CloudStaff);
        foreach (var (id, client) in machines)
        {
            Assert.Equal(version, (int)Assert.Single(await InstallAsync(id, client))["version"]!);
            Assert.Equal(version, await InstalledVersionAsync(staff, id, version));
        }
    }

    /// <summary>The machine takes its sync command, acknowledges it and reports that it failed: it keeps what it had.</summary>
    private static async Task FailAsync(string id, HttpClient machine)
    {
        var command = Assert.Single((await DataAsync(await machine.PostAsync($"/api/v1/devices/{id}/commands/take", null))).AsArray())!;
        await DataAsync(await machine.PostAsync($"/api/v1/devices/{id}/commands/{command["id"]}/ack", null));
        await DataAsync(await machine.PostAsJsonAsync($"/api/v1/devices/{id}/commands/{command["id"]}/result", new { success = false, message = "Flash full" }));
    }

    [Fact]
    public async Task A_rollback_returns_each_machine_to_the_version_it_ran_before_the_deployment()
    {
        var (manager, model, packageId, name) = await PackageAsync(3);
        var skipper = await OfModelAsync(cluster, manager, model);   // on 1, skips release 2
        var current = await OfModelAsync(cluster, manager, model);   // on 2
        var failed = await OfModelAsync(cluster, manager, model);    // on 1: its deploy of 2 failed
        var fresh = await OfModelAsync(cluster, manager, model);     // nothing installed
        await InstalledAsync(manager, packageId, 1, skipper, current, failed);
        await InstalledAsync(manager, packageId, 2, current);
        await DeployAsync(manager, packageId, 2, failed.Id);
        await FailAsync(failed.Id, failed.Client);
        var deployed = await DeployAsync(manager, packageId, 3, skipper.Id, current.Id, failed.Id, fresh.Id);
        foreach (var (id, client) in new[] { skipper, current, failed, fresh }) await InstallAsync(id, client);

        var rollback = await DataAsync(await manager.PostAsJsonAsync($"/api/v1/recipe-deployments/{deployed["deployment"]!["id"]}/rollback", new { }));

        var expected = new Dictionary<string, (int, string)>
        {
            [skipper.Id] = (1, "It ran version 1 before this deployment."),
            [current.Id] = (2, "It ran version 2 before this deployment."),
            [failed.Id] = (1, "It ran version 1 before this deployment."),
            [fresh.Id] = (2, $"Nothing of '{name}' was known installed on it: the version before 3."),
        };
        Assert.Equal(expected, rollback["devices"]!.AsArray().ToDictionary(d => (string)d!["deviceId"]!, d => ((int)d!["version"]!, (string)d["reason"]!)));
        Assert.Equal(expected.Select(e => (e.Key, e.Value.Item1)).Order(),
            rollback["deployment"]!["devices"]!.AsArray().Select(d => ((string)d!["deviceId"]!, (int)d["version"]!)).Order());
        Assert.Equal(2, (int)rollback["deployment"]!["packageVersion"]!);
        Assert.Empty(rollback["deployment"]!["skipped"]!.AsArray());

        var staff = await cluster.B.StaffAsync(cluster.CloudStaff);
        foreach (var (id, client) in new[] { skipper, current, failed, fresh })
        {
            var payload = Assert.Single(await InstallAsync(id, client));
            Assert.Equal((expected[id].Item1, packageId), ((int)payload["version"]!, (string)payload["package_id"]!));
            Assert.Equal(expected[id].Item1, await InstalledVersionAsync(staff, id, expected[id].Item1));
        }
        var progress = await DataAsync(await staff.GetAsync($"/api/v1/recipe-deployments/{rollback["deployment"]!["id"]}"));
        Assert.Equal(1, (int)progress["devices"]!.AsArray().Single(d => (string)d!["deviceId"]! == skipper.Id)!["version"]!);
    }

    [Fact]
    public async Task A_machine_that_had_nothing_and_got_the_first_version_is_skipped_with_the_reason_and_alone_it_is_a_409()
    {
        var (manager, model, packageId, name) = await PackageAsync(2);
        var downgraded = await OfModelAsync(cluster, manager, model);
        var fresh = await OfModelAsync(cluster, manager, model);
        await InstalledAsync(manager, packageId, 2, downgraded);
        var deployed = await DeployAsync(manager, packageId, 1, downgraded.Id, fresh.Id);
        foreach (var (id, client) in new[] { downgraded, fresh }) await InstallAsync(id, client);

        var rollback = await DataAsync(await manager.PostAsJsonAsync($"/api/v1/recipe-deployments/{deployed["deployment"]!["id"]}/rollback", new { }));

        var target = Assert.Single(rollback["devices"]!.AsArray())!;
        Assert.Equal((downgraded.Id, 2), ((string)target["deviceId"]!, (int)target["version"]!));
        var skipped = Assert.Single(rollback["deployment"]!["skipped"]!.AsArray())!;
        Assert.Equal((fresh.Id, $"It had nothing of '{name}' installed, and version 1 is the first: there is no previous version to roll back to."),
            ((string)skipped["deviceId"]!, (string)skipped["reason"]!));
        Assert.Empty(await InstallAsync(fresh.Id, fresh.Client));   // the skipped machine got nothing new

        var alone = await DeployAsync(manager, packageId, 1, (await OfModelAsync(cluster, manager, model)).Id);
        var refused = await manager.PostAsJsonAsync($"/api/v1/recipe-deployments/{alone["deployment"]!["id"]}/rollback", new { });
        Assert.Contains("there is no previous version to roll back to", await ErrorAsync(refused, HttpStatusCode.Conflict));
    }
}
