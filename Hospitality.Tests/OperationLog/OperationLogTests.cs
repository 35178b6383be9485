using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.RemoteCommands;
using Hospitality.Tests.Sessions;

namespace Hospitality.Tests.OperationLog;

/// <summary>The operation log, built from the event history by the projection daemon on the real hosts, searched over the API.</summary>
public class OperationLogTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    private async Task<JsonNode> SearchAsync(HttpClient client, string query)
    {
        JsonNode data = new JsonObject();
        for (var i = 0; i < 100; i++)   // the projection runs shortly after the commit
        {
            data = await CommandsApiTests.DataAsync(await client.GetAsync($"/api/v1/operation_log?{query}"));
            if ((long)data["total"]! > 0) break;
            await Task.Delay(100);
        }
        return data;
    }

    [Fact]
    public async Task Who_did_what_and_when_is_found_by_words_and_area_and_only_by_managers_of_the_business()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var register = await manager.PostAsJsonAsync("/api/v1/devices/register",
            new { locationId = cluster.Bar, name = $"Espresso {tag}", model = "EX-200", serialNumber = "SN-9" });
        var device = (string)(await CommandsApiTests.DataAsync(register))["device"]!["id"]!;
        var staff = await cluster.B.StaffAsync(cluster.CloudStaff);
        await CommandsApiTests.DataAsync(await staff.PostAsJsonAsync($"/api/v1/devices/{device}/commands", new { kind = "clean" }));

        var registered = await SearchAsync(manager, $"query=espresso%20{tag}&area=machines");
        var entry = Assert.Single(registered["items"]!.AsArray())!;
        Assert.Equal("device_registered", (string)entry["action"]!);
        Assert.Equal(cluster.CloudManager.DisplayName, (string)entry["who"]!);
        Assert.Contains($"Espresso {tag}", (string)entry["summary"]!);

        var sent = Assert.Single((await SearchAsync(manager, $"query={tag}&area=commands"))["items"]!.AsArray())!;
        Assert.Equal((cluster.CloudStaff.DisplayName, "command_queued"), ((string)sent["who"]!, (string)sent["action"]!));

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/v1/operation_log")).StatusCode);   // managers and admins only
        var rival = await cluster.A.StaffAsync(cluster.RivalManager);
        var theirs = await CommandsApiTests.DataAsync(await rival.GetAsync($"/api/v1/operation_log?query={tag}"));
        Assert.Equal(0, (long)theirs["total"]!);
        var bad = await manager.GetAsync($"/api/v1/operation_log?from=2026-11-22T10:00:00Z&to=2026-11-21T10:00:00Z");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
