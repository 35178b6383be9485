using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Tests.Infrastructure;

namespace Hospitality.Tests.Sessions;

/// <summary>Staff of one tenant cannot see or change another tenant's sessions: not through the API, not through the hub.</summary>
public class TenantIsolationTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    [Fact]
    public async Task Another_tenants_sessions_are_not_listed_found_or_changeable_through_the_api()
    {
        var cloud = await cluster.A.StaffAsync(cluster.CloudStaff);
        var card = await SessionsCluster.StartAsync(cloud, cluster.Bar, "9", ["Mint"]);
        var id = (string)card["id"]!;
        var rival = await cluster.B.StaffAsync(cluster.RivalStaff);

        var listed = (await rival.GetFromJsonAsync<JsonArray>("/api/sessions"))!;
        Assert.DoesNotContain(listed, s => (string)s!["session"]!["id"]! == id);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.GetAsync($"/api/sessions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.GetAsync($"/api/sessions?locationId={cluster.Terrace}")).StatusCode);
        var rivalBar = (await rival.GetFromJsonAsync<JsonArray>($"/api/sessions?locationId={cluster.Bar}"))!;
        Assert.DoesNotContain(rivalBar, s => (string)s!["session"]!["id"]! == id);

        foreach (var body in new object[]
                 {
                     new { action = "request_refill", sessionId = id },
                     new { action = "end_session", sessionId = id },
                     new { action = "add_flavor", sessionId = id, flavor = "Gum" },
                     new { action = "start_session", locationId = cluster.Terrace, table = "1", flavors = new[] { "Mint" } },
                     new { action = "get_flavor_suggestions", locationId = cluster.Terrace },
                 })
            Assert.Equal(HttpStatusCode.NotFound, (await rival.PostAsJsonAsync("/api/sessions", body)).StatusCode);

        var unchanged = (await cloud.GetFromJsonAsync<JsonObject>($"/api/sessions/{id}"))!["session"]!;
        Assert.Equal(1, (int)unchanged["version"]!);
    }

    [Fact]
    public async Task Another_tenants_board_cannot_be_joined_or_changed_through_the_hub_and_pushes_do_not_cross()
    {
        var cloud = await cluster.A.StaffAsync(cluster.CloudStaff);
        var card = await SessionsCluster.StartAsync(cloud, cluster.Bar, "10", ["Mint"]);
        var rivalManager = await cluster.B.StaffAsync(cluster.RivalManager);
        await using var rival = await cluster.B.HubWithCookieAsync("/hubs/sessions", rivalManager);

        var join = await Assert.ThrowsAsync<HubCallFailed>(() => rival.InvokeAsync("Subscribe", cluster.Terrace));
        Assert.Contains("does not exist", join.Message);
        var change = await Assert.ThrowsAsync<HubCallFailed>(() => rival.InvokeAsync("EndSession", card["id"], null));
        Assert.Contains("does not exist", change.Message);

        // Rival's own location has the same id, "bar": joining it must show none of Cloud's cards, and Cloud's changes must not arrive.
        var own = (await rival.InvokeAsync("Subscribe", cluster.Bar))!.AsArray();
        Assert.DoesNotContain(own, c => (string)c!["id"]! == (string)card["id"]!);
        (await cloud.PostAsJsonAsync("/api/sessions", new { action = "request_refill", sessionId = card["id"] })).EnsureSuccessStatusCode();
        Assert.False(await rival.ReceivesPushAsync("SessionChanged", TimeSpan.FromSeconds(1)));
    }
}
