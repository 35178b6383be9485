using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;
using Hospitality.Web.Demo;
using static Hospitality.Tests.RemoteCommands.CommandsApiTests;

namespace Hospitality.Tests.Recipes;

/// <summary>Recipes through the real hosts (two servers, PostgreSQL, Redis): schemas, validation, packages, deployments followed to the machines.</summary>
public class RecipesApiTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    internal const string Latte = """{"name": "Latte", "shots": 1, "water_ml": 30, "milk": {"type": "steamed", "ml": 200}, "temperature_c": 93, "grind": 3}""";

    /// <summary>A model of its own for each test, so machines other tests register are never of it.</summary>
    internal static async Task<string> ModelAsync(HttpClient manager)
    {
        var model = $"EX-{Guid.NewGuid():N}"[..12];
        var set = await DataAsync(await manager.PutAsJsonAsync($"/api/v1/recipe-schemas/{model}", new { schema = JsonNode.Parse(RecipeDemo.EspressoSchema), expectedVersion = 0 }));
        Assert.Equal(1, (int)set["version"]!);
        return model;
    }

    internal static async Task<JsonNode> RecipeAsync(HttpClient manager, string model, string definition) =>
        await DataAsync(await manager.PostAsJsonAsync("/api/v1/recipes", new { name = (string)JsonNode.Parse(definition)!["name"]!, model, definition = JsonNode.Parse(definition) }));

    internal static async Task<JsonNode> PublishAsync(HttpClient manager, string name, string model, params string[] recipeIds) =>
        await DataAsync(await manager.PostAsJsonAsync("/api/v1/recipe-packages", new { name, model, recipeIds }));

    internal static async Task<string> ErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False((bool)body["ok"]!);
        return (string)body["error"]!["message"]!;
    }

    /// <summary>The machine takes its due commands over HTTP with its token, acknowledges each and reports success; answers their payloads.</summary>
    internal static async Task<List<JsonNode>> InstallAsync(string id, HttpClient machine)
    {
        var payloads = new List<JsonNode>();
        foreach (var command in (await DataAsync(await machine.PostAsync($"/api/v1/devices/{id}/commands/take", null))).AsArray())
        {
            Assert.Equal("sync_recipes", (string)command!["kind"]!);
            payloads.Add(JsonNode.Parse((string)command["payload"]!)!);
            await DataAsync(await machine.PostAsync($"/api/v1/devices/{id}/commands/{command["id"]}/ack", null));
            await DataAsync(await machine.PostAsJsonAsync($"/api/v1/devices/{id}/commands/{command["id"]}/result", new { success = true, message = "Installed" }));
        }
        return payloads;
    }

    internal static async Task<int?> InstalledVersionAsync(HttpClient staff, string deviceId, int expected)
    {
        JsonNode? installed = null;
        for (var i = 0; i < 50 && (int?)installed?["version"] != expected; i++, await Task.Delay(100))
            installed = (await DataAsync(await staff.GetAsync($"/api/v1/devices/{deviceId}/recipes")))["installed"];
        return (int?)installed?["version"];
    }

    [Fact]
    public async Task A_recipe_that_does_not_fit_the_schema_is_refused_naming_the_path_and_rule_and_nothing_is_stored()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var model = await ModelAsync(manager);
        var tooMuchMilk = Latte.Replace("\"ml\": 200", "\"ml\": 301");

        var message = await ErrorAsync(await manager.PostAsJsonAsync("/api/v1/recipes", new { name = "Latte", model, definition = JsonNode.Parse(tooMuchMilk) }), HttpStatusCode.BadRequest);
        Assert.Contains("$.milk.ml: must be at most 300", message);
        var staff = await cluster.B.StaffAsync(cluster.CloudStaff);
        Assert.Empty((await DataAsync(await staff.GetAsync($"/api/v1/recipes?model={model}"))).AsArray());

        var latte = await RecipeAsync(manager, model, Latte);
        var id = (string)latte["id"]!;
        var edit = await manager.PutAsJsonAsync($"/api/v1/recipes/{id}", new { definition = JsonNode.Parse(Latte.Replace("\"grind\": 3", "\"grind\": 11")), expectedVersion = 1 });
        Assert.Contains("$.grind: must be at most 10", await ErrorAsync(edit, HttpStatusCode.BadRequest));
        Assert.Equal(3, (int)(await DataAsync(await staff.GetAsync($"/api/v1/recipes/{id}")))["definition"]!["grind"]!);   // unchanged
        var stale = await manager.PutAsJsonAsync($"/api/v1/recipes/{id}", new { name = "Big latte", expectedVersion = 0 });
        Assert.Equal("conflict", (string)JsonNode.Parse(await stale.Content.ReadAsStringAsync())!["error"]!["code"]!);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var unsupported = await manager.PutAsJsonAsync($"/api/v1/recipe-schemas/{model}", new { schema = new { type = "object", oneOf = Array.Empty<object>() } });
        Assert.Contains("'oneOf' is not supported", await ErrorAsync(unsupported, HttpStatusCode.BadRequest));
        Assert.Equal(1, (int)(await DataAsync(await staff.GetAsync($"/api/v1/recipe-schemas/{model}")))["version"]!);
    }

    [Fact]
    public async Task Published_versions_are_snapshots_that_later_edits_and_publishes_never_change()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var model = await ModelAsync(manager);
        var latte = await RecipeAsync(manager, model, Latte);
        var name = $"Menu {Guid.NewGuid():N}"[..13];
        var v1 = await PublishAsync(manager, name, model, (string)latte["id"]!);
        await DataAsync(await manager.PutAsJsonAsync($"/api/v1/recipes/{latte["id"]}", new { definition = JsonNode.Parse(Latte.Replace("\"shots\": 1", "\"shots\": 2")), expectedVersion = 1 }));
        var v2 = await PublishAsync(manager, name.ToUpperInvariant(), model, (string)latte["id"]!);   // the same package, whatever the case

        Assert.Equal(((string)v1["id"]!, 1, 2), ((string)v2["id"]!, (int)v1["latestVersion"]!, (int)v2["latestVersion"]!));
        var staff = await cluster.B.StaffAsync(cluster.CloudViewer);
        var first = await DataAsync(await staff.GetAsync($"/api/v1/recipe-packages/{v2["id"]}/versions/1"));
        Assert.Equal(1, (int)first["recipes"]![0]!["definition"]!["shots"]!);
        Assert.Equal(2, (int)(await DataAsync(await staff.GetAsync($"/api/v1/recipe-packages/{v2["id"]}/versions/2")))["recipes"]![0]!["definition"]!["shots"]!);
        var stale = await manager.PostAsJsonAsync("/api/v1/recipe-packages", new { name, recipeIds = new[] { latte["id"] }, expectedVersion = 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
    }

    [Fact]
    public async Task A_deployment_skips_another_model_follows_each_machine_to_succeeded_and_rolls_back_machines_with_nothing_before_to_the_previous_version()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var model = await ModelAsync(manager);
        var latte = await RecipeAsync(manager, model, Latte);
        var name = $"Menu {Guid.NewGuid():N}"[..13];
        await PublishAsync(manager, name, model, (string)latte["id"]!);
        await DataAsync(await manager.PutAsJsonAsync($"/api/v1/recipes/{latte["id"]}", new { definition = JsonNode.Parse(Latte.Replace("\"shots\": 1", "\"shots\": 2")), expectedVersion = 1 }));
        var package = await PublishAsync(manager, name, model, (string)latte["id"]!);
        var (otherId, otherMachine, _) = await MachineAsync(cluster.A, manager, cluster.Terrace);   // an EX-200, not our model
        var ours = new List<(string Id, HttpClient Client)> { await OfModelAsync(cluster, manager, model), await OfModelAsync(cluster, manager, model) };

        var deployed = await DataAsync(await manager.PostAsJsonAsync("/api/v1/recipe-deployments", new { packageId = package["id"], locationIds = new[] { cluster.Terrace } }));
        var deploymentId = (string)deployed["deployment"]!["id"]!;
        Assert.Equal(2, (int)deployed["deployment"]!["packageVersion"]!);
        Assert.Equal(ours.Select(m => m.Id).Order(), deployed["devices"]!.AsArray().Select(d => (string)d!["deviceId"]!).Order());
        var skipped = deployed["deployment"]!["skipped"]!.AsArray();
        Assert.Contains(skipped, s => (string)s!["deviceId"]! == otherId && ((string)s["reason"]!).Contains($"the package is for {model}"));
        Assert.Equal(0, (int)deployed["percent"]!);

        foreach (var (id, client) in ours)
        {
            var payload = Assert.Single(await InstallAsync(id, client));
            Assert.Equal((2, (string)package["id"]!, 2), ((int)payload["version"]!, (string)payload["package_id"]!, (int)payload["recipes"]![0]!["definition"]!["shots"]!));
        }
        Assert.Empty(await InstallAsync(otherId, otherMachine));   // the other model got nothing

        var staff = await cluster.B.StaffAsync(cluster.CloudStaff);
        var progress = await DataAsync(await staff.GetAsync($"/api/v1/recipe-deployments/{deploymentId}"));
        Assert.Equal((2, 2, 100), ((int)progress["succeeded"]!, (int)progress["total"]!, (int)progress["percent"]!));
        Assert.All(progress["devices"]!.AsArray(), d => Assert.Equal("succeeded", (string)d!["status"]!));
        Assert.Equal(2, await InstalledVersionAsync(staff, ours[0].Id, 2));
        Assert.Equal(2, await InstalledVersionAsync(staff, ours[1].Id, 2));

        var rollback = await DataAsync(await manager.PostAsJsonAsync($"/api/v1/recipe-deployments/{deploymentId}/rollback", new { }));
        Assert.Equal(("rollback", 1, deploymentId), ((string)rollback["deployment"]!["kind"]!, (int)rollback["deployment"]!["packageVersion"]!, (string)rollback["deployment"]!["rollbackOf"]!));
        Assert.All(rollback["devices"]!.AsArray(), d => Assert.Equal((1, $"Nothing of '{name}' was known installed on it: the version before 2."),
            ((int)d!["version"]!, (string)d["reason"]!)));
        foreach (var (id, client) in ours) Assert.Equal(1, (int)Assert.Single(await InstallAsync(id, client))["version"]!);
        Assert.Equal(100, (int)(await DataAsync(await staff.GetAsync($"/api/v1/recipe-deployments/{rollback["deployment"]!["id"]}")))["percent"]!);
        Assert.Equal(1, await InstalledVersionAsync(staff, ours[0].Id, 1));
        Assert.Equal(1, await InstalledVersionAsync(staff, ours[1].Id, 1));
        Assert.Contains("no previous version", await ErrorAsync(await manager.PostAsJsonAsync($"/api/v1/devices/{ours[0].Id}/recipes/rollback", new { }), HttpStatusCode.Conflict));

        // Rolling the rollback back returns each machine to what it ran before the rollback.
        var undone = await DataAsync(await manager.PostAsJsonAsync($"/api/v1/recipe-deployments/{rollback["deployment"]!["id"]}/rollback", new { }));
        Assert.Equal([2, 2], undone["devices"]!.AsArray().Select(d => (int)d!["version"]!));
        Assert.Contains("nothing to roll back", await ErrorAsync(await manager.PostAsJsonAsync($"/api/v1/devices/{otherId}/recipes/rollback", new { }), HttpStatusCode.Conflict));
    }

    internal static async Task<(string Id, HttpClient Client)> OfModelAsync(SessionsCluster cluster, HttpClient manager, string model)
    {
        var response = await manager.PostAsJsonAsync("/api/v1/devices/register",
            new { locationId = cluster.Terrace, name = "Terrace espresso", model = model.ToLowerInvariant(), serialNumber = $"SN-{Guid.NewGuid():N}"[..12] });
        var data = await DataAsync(response);
        var client = cluster.A.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", (string)data["token"]!);
        return ((string)data["device"]!["id"]!, client);
    }

    [Fact]
    public async Task Viewers_and_staff_read_only_other_tenants_reach_nothing_and_location_bound_staff_see_only_their_machines()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var model = await ModelAsync(manager);
        var latte = await RecipeAsync(manager, model, Latte);
        var package = await PublishAsync(manager, $"Menu {Guid.NewGuid():N}"[..13], model, (string)latte["id"]!);
        var response = await manager.PostAsJsonAsync("/api/v1/devices/register", new { locationId = cluster.Bar, name = "Bar espresso", model, serialNumber = "SN-BAR" });
        var barMachine = (string)(await DataAsync(response))["device"]!["id"]!;
        var deployment = await DataAsync(await manager.PostAsJsonAsync("/api/v1/recipe-deployments", new { packageId = package["id"], deviceIds = new[] { barMachine } }));
        var deploymentId = (string)deployment["deployment"]!["id"]!;

        var viewer = await cluster.A.StaffAsync(cluster.CloudViewer);
        Assert.Single((await DataAsync(await viewer.GetAsync($"/api/v1/recipes?model={model}"))).AsArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync($"/api/v1/recipe-schemas/{model}", new { schema = new { type = "object" } })).StatusCode);
        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/api/v1/recipes", new { name = "X", model, definition = new { } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"/api/v1/recipe-deployments/{deploymentId}/rollback", new { })).StatusCode);

        var rival = await cluster.A.StaffAsync(cluster.RivalManager);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.GetAsync($"/api/v1/recipes/{latte["id"]}")).StatusCode);
        Assert.Empty((await DataAsync(await rival.GetAsync($"/api/v1/recipes?model={model}"))).AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await rival.GetAsync($"/api/v1/recipe-schemas/{model}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.GetAsync($"/api/v1/recipe-deployments/{deploymentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.PostAsJsonAsync("/api/v1/recipe-deployments", new { packageId = package["id"], locationIds = new[] { "bar" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.PostAsJsonAsync($"/api/v1/recipe-deployments/{deploymentId}/rollback", new { })).StatusCode);

        var terrace = await cluster.A.StaffAsync(cluster.TerraceStaff);
        Assert.Equal(HttpStatusCode.NotFound, (await terrace.GetAsync($"/api/v1/recipe-deployments/{deploymentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await terrace.GetAsync($"/api/v1/devices/{barMachine}/recipes")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/recipe-deployments/{deploymentId}")).StatusCode);
    }
}
