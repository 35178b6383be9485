using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;

namespace Hospitality.Tests.RemoteCommands;

/// <summary>Remote commands through the real hosts: staff send, machines take, acknowledge and finish, dashboards watch.</summary>
public class CommandsApiTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    internal static async Task<(string Id, HttpClient Machine, string Token)> MachineAsync(HospitalityHost host, HttpClient manager, string locationId)
    {
        var response = await manager.PostAsJsonAsync("/api/v1/devices/register",
            new { locationId, name = "Bar espresso", model = "EX-200", serialNumber = $"SN-{Guid.NewGuid():N}"[..12] });
        var data = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!;
        var machine = host.CreateClient();
        var token = (string)data["token"]!;
        machine.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return ((string)data["device"]!["id"]!, machine, token);
    }

    internal static async Task<JsonNode> DataAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True((bool)body["ok"]!, body.ToJsonString());
        return body["data"]!;
    }

    [Fact]
    public async Task Staff_send_a_command_the_machine_takes_acknowledges_and_finishes_it_and_the_dashboard_watches_it_reach_succeeded()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var (id, machine, _) = await MachineAsync(cluster.A, manager, cluster.Bar);
        var watcher = await cluster.B.StaffAsync(cluster.CloudStaff);
        await using var dashboard = await cluster.B.HubWithCookieAsync("/hubs/devices", watcher);
        await dashboard.InvokeAsync("Subscribe", (string?)null);

        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        var queued = await DataAsync(await staff.PostAsJsonAsync($"/api/v1/devices/{id}/commands", new { kind = "clean", payload = new { cycle = "full" } }));
        var commandId = (string)queued["id"]!;
        Assert.Equal("queued", (string)queued["status"]!);

        var taken = (await DataAsync(await machine.PostAsync($"/api/v1/devices/{id}/commands/take", null))).AsArray();
        var sent = Assert.Single(taken)!;
        Assert.Equal((commandId, "sent", false), ((string)sent["id"]!, (string)sent["status"]!, (bool)sent["delivered"]!));
        Assert.Contains("full", (string)sent["payload"]!);
        Assert.Empty((await DataAsync(await machine.PostAsync($"/api/v1/devices/{id}/commands/take", null))).AsArray());   // not sent twice

        Assert.True((bool)(await DataAsync(await machine.PostAsync($"/api/v1/devices/{id}/commands/{commandId}/ack", null)))["delivered"]!);
        var done = await DataAsync(await machine.PostAsJsonAsync($"/api/v1/devices/{id}/commands/{commandId}/result", new { success = true, message = "Cleaned" }));
        Assert.Equal("succeeded", (string)done["status"]!);

        var statuses = new List<string>();
        while (!statuses.Contains("succeeded"))
        {
            var pushed = (await dashboard.NextPushAsync("CommandChanged"))[0]!;
            if ((string)pushed["id"]! == commandId) statuses.Add((string)pushed["status"]!);
        }
        Assert.Equal(["queued", "sent", "acknowledged", "succeeded"], statuses);
    }

    [Fact]
    public async Task A_machine_on_the_hub_hears_its_command_is_due_from_another_server_and_takes_it_there()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var (id, _, token) = await MachineAsync(cluster.A, manager, cluster.Bar);
        await using var machine = await cluster.B.HubWithTokenAsync("/hubs/devices", token);
        Assert.Empty((await machine.InvokeAsync("TakeCommands"))!.AsArray());

        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        var commandId = (string)(await DataAsync(await staff.PostAsJsonAsync($"/api/v1/devices/{id}/commands", new { kind = "restart" })))["id"]!;
        await machine.NextPushAsync("CommandsDue");
        var taken = Assert.Single((await machine.InvokeAsync("TakeCommands"))!.AsArray())!;
        Assert.Equal(commandId, (string)taken["id"]!);
        Assert.Equal("acknowledged", (string)(await machine.InvokeAsync("Acknowledge", Guid.Parse(commandId)))!["status"]!);
        Assert.Equal("failed", (string)(await machine.InvokeAsync("Complete", Guid.Parse(commandId), false, "Door open"))!["status"]!);
        var stored = await DataAsync(await staff.GetAsync($"/api/v1/commands/{commandId}"));
        Assert.Equal("Door open", (string)stored["result"]!);
        // A failed command raises its alarm for staff to deal with.
        JsonArray alarms = [];
        for (var i = 0; i < 50 && alarms.Count == 0; i++, await Task.Delay(100))
            alarms = (await DataAsync(await staff.GetAsync($"/api/v1/alarms?kind=command_failed&device_id={id}")))["items"]!.AsArray();
        Assert.Contains("Door open", (string)Assert.Single(alarms)!["message"]!);
        Assert.Contains("does not watch", (await Assert.ThrowsAsync<HubCallFailed>(() => machine.InvokeAsync("Subscribe", (string?)null))).Message);

        // A token replaced while the machine is connected stops working on that connection at its next call.
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsJsonAsync($"/api/v1/devices/{id}/token", new { })).StatusCode);
        Assert.Contains("replaced or revoked", (await Assert.ThrowsAsync<HubCallFailed>(() => machine.InvokeAsync("TakeCommands"))).Message);
    }

    [Fact]
    public async Task A_batch_reaches_every_machine_of_a_location_and_reports_its_progress()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var location = cluster.Terrace;
        var machines = new List<(string Id, HttpClient Client)>();
        for (var i = 0; i < 3; i++)
        {
            var (id, client, _) = await MachineAsync(cluster.A, manager, location);
            machines.Add((id, client));
        }
        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        var batch = await DataAsync(await staff.PostAsJsonAsync("/api/v1/commands/batches", new { locationIds = new[] { location }, kind = "clean" }));
        var batchId = (string)batch["id"]!;
        Assert.True((int)batch["total"]! >= 3);

        foreach (var (id, client) in machines)
            foreach (var command in (await DataAsync(await client.PostAsync($"/api/v1/devices/{id}/commands/take", null))).AsArray())
                await DataAsync(await client.PostAsJsonAsync($"/api/v1/devices/{id}/commands/{command!["id"]}/result", new { success = true }));

        var progress = await DataAsync(await staff.GetAsync($"/api/v1/commands/batches/{batchId}"));
        Assert.True((int)progress["finished"]! >= 3);
        Assert.Equal((int)progress["finished"]! * 100 / (int)progress["total"]!, (int)progress["percent"]!);
    }

    [Fact]
    public async Task Viewers_cannot_send_other_tenants_cannot_reach_and_a_machine_cannot_touch_another_machines_command()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var (id, _, _) = await MachineAsync(cluster.A, manager, cluster.Bar);
        var (otherId, other, _) = await MachineAsync(cluster.A, manager, cluster.Bar);
        var viewer = await cluster.A.StaffAsync(cluster.CloudViewer);
        var refused = await viewer.PostAsJsonAsync($"/api/v1/devices/{id}/commands", new { kind = "restart" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        var commandId = (string)(await DataAsync(await staff.PostAsJsonAsync($"/api/v1/devices/{id}/commands", new { kind = "restart" })))["id"]!;
        var rival = await cluster.A.StaffAsync(cluster.RivalManager);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.GetAsync($"/api/v1/commands/{commandId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.PostAsJsonAsync($"/api/v1/devices/{id}/commands", new { kind = "restart" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/devices/{otherId}/commands/{commandId}/ack", null)).StatusCode);
        var recipes = await staff.PostAsJsonAsync($"/api/v1/devices/{id}/commands", new { kind = "sync_recipes", payload = new { package_id = Guid.NewGuid() } });
        Assert.Equal(HttpStatusCode.BadRequest, recipes.StatusCode);   // recipes go out only as a validated package deployment
        Assert.Contains("deploying a recipe package", await recipes.Content.ReadAsStringAsync());
        var bad = await staff.PostAsJsonAsync($"/api/v1/devices/{id}/commands", new { kind = "self_destruct" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("command kind", (string)JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["error"]!["message"]!);
    }
}
