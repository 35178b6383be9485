using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Tests.Infrastructure;

namespace Hospitality.Tests.Sessions;

/// <summary>
/// <c>/hubs/sessions</c> for screens outside the Blazor UI, across two servers sharing PostgreSQL and Redis:
/// a TV subscribed on server B sees a change made through server A, with the card's version.
/// </summary>
public class SessionsHubTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    [Fact]
    public async Task A_screen_with_a_display_token_gets_the_current_cards_then_every_change_made_on_another_server()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var token = await cluster.A.DisplayTokenAsync(manager, cluster.Bar);
        var card = await SessionsCluster.StartAsync(manager, cluster.Bar, "T1", ["Mint"]);

        await using var tv = await cluster.B.HubWithTokenAsync("/hubs/sessions", token);
        var current = (await tv.InvokeAsync("Subscribe", cluster.Bar))!.AsArray();
        Assert.Contains(current, c => (string)c!["id"]! == (string)card["id"]!);

        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        (await staff.PostAsJsonAsync("/api/sessions", new { action = "request_refill", sessionId = card["id"] })).EnsureSuccessStatusCode();

        var pushed = await NextCardAsync(tv, (string)card["id"]!);
        Assert.Equal("needs_refill", (string)pushed["status"]!);
        Assert.Equal(2, (int)pushed["version"]!);
    }

    [Fact]
    public async Task Staff_can_complete_a_refill_over_the_hub_and_a_refused_one_comes_back_as_a_hub_error()
    {
        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        var card = await SessionsCluster.StartAsync(staff, cluster.Bar, "T2", ["Grape"]);
        await using var phone = await cluster.B.HubWithCookieAsync("/hubs/sessions", staff);

        var refused = await Assert.ThrowsAsync<HubCallFailed>(() => phone.InvokeAsync("CompleteRefill", card["id"], null));
        Assert.Contains("No refill was requested", refused.Message);

        await phone.InvokeAsync("RequestRefill", card["id"], 1);
        var done = (await phone.InvokeAsync("CompleteRefill", card["id"], 2))!;
        Assert.Equal(("active", 3), ((string)done["status"]!, (int)done["version"]!));
    }

    [Fact]
    public async Task A_display_token_only_changes_nothing_and_reads_only_its_own_location()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var token = await cluster.A.DisplayTokenAsync(manager, cluster.Bar);
        var card = await SessionsCluster.StartAsync(manager, cluster.Bar, "T3", ["Lemon"]);
        await using var tv = await cluster.A.HubWithTokenAsync("/hubs/sessions", token);

        var change = await Assert.ThrowsAsync<HubCallFailed>(() => tv.InvokeAsync("RequestRefill", card["id"], null));
        Assert.Contains("Only staff", change.Message);
        var terrace = await Assert.ThrowsAsync<HubCallFailed>(() => tv.InvokeAsync("Subscribe", cluster.Cloud.Location("Terrace").Id));
        Assert.Contains("does not exist", terrace.Message);
    }

    private static async Task<JsonObject> NextCardAsync(HubTestClient client, string sessionId)
    {
        while (true)
        {
            var args = await client.NextPushAsync("SessionChanged");
            if ((string)args[0]!["id"]! == sessionId) return args[0]!.AsObject();
        }
    }
}
