using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Tests.Infrastructure;

namespace Hospitality.Tests.Sessions;

/// <summary>Seed 000's API through the real host on PostgreSQL and Redis: the documented calls, and bad input.</summary>
public class SessionsApiTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    private static string Table() => Random.Shared.Next(100, 999).ToString();

    private async Task<(HttpClient Client, JsonObject Card)> StartedAsync(params string[] flavors)
    {
        var client = await cluster.A.StaffAsync(cluster.CloudStaff);
        return (client, await SessionsCluster.StartAsync(client, cluster.Bar, Table(), flavors.Length > 0 ? flavors : ["Double Apple", "Mint"], cluster.Guest("Layla")));
    }

    private static async Task<JsonObject> ActAsync(HttpClient client, object body, HttpStatusCode expected)
    {
        var response = await client.PostAsJsonAsync("/api/sessions", body);
        var json = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {response.StatusCode}: {json}");
        return json!;
    }

    private static async Task<JsonObject> EventsAndCardAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/sessions/{id}"))!["session"]!.AsObject();

    [Fact]
    public async Task Get_sessions_lists_live_sessions_with_the_customer_profile_and_staff_customer_fallback()
    {
        var (client, withCustomer) = await StartedAsync();
        var anonymous = await SessionsCluster.StartAsync(client, cluster.Bar, Table(), ["Grape"]);

        var sessions = (await client.GetFromJsonAsync<JsonArray>($"/api/sessions?locationId={cluster.Bar}"))!;
        var layla = sessions.Single(s => (string)s!["session"]!["id"]! == (string)withCustomer["id"]!)!;
        Assert.Equal("Layla Haddad", (string)layla["customerName"]!);
        Assert.Equal("Double Apple", (string)layla["customer"]!["preferences"]!["favoriteFlavors"]![0]!);
        var staff = sessions.Single(s => (string)s!["session"]!["id"]! == (string)anonymous["id"]!)!;
        Assert.Equal("Staff Customer", (string)staff["customerName"]!);
        Assert.Null(staff["customer"]);
    }

    [Fact]
    public async Task Handle_refill_returns_a_session_that_needs_a_refill_to_active()
    {
        var (client, card) = await StartedAsync();
        var requested = await ActAsync(client, new { action = "request_refill", sessionId = card["id"] }, HttpStatusCode.OK);
        Assert.Equal("needs_refill", (string)requested["session"]!["status"]!);

        var handled = await ActAsync(client, new { action = "handle_refill", sessionId = card["id"] }, HttpStatusCode.OK);
        Assert.Equal("active", (string)handled["session"]!["status"]!);
        Assert.Equal(3, (int)handled["session"]!["version"]!);
    }

    [Fact]
    public async Task Completing_a_refill_nobody_requested_is_a_409_that_says_so_and_changes_nothing()
    {
        var (client, card) = await StartedAsync();
        var problem = await ActAsync(client, new { action = "handle_refill", sessionId = card["id"] }, HttpStatusCode.Conflict);
        Assert.Contains("No refill was requested", (string)problem["detail"]!);
        var after = await EventsAndCardAsync(client, (string)card["id"]!);
        Assert.Equal(1, (int)after["version"]!);
        Assert.Equal("active", (string)after["status"]!);
    }

    [Theory]
    [InlineData("make_tea", "Unknown action 'make_tea'")]
    [InlineData(null, "needs an 'action'")]
    public async Task An_unknown_or_missing_action_is_a_400_naming_it(string? action, string expected)
    {
        var (client, card) = await StartedAsync();
        var problem = await ActAsync(client, new { action, sessionId = card["id"] }, HttpStatusCode.BadRequest);
        Assert.Contains(expected, (string)problem["detail"]!);
        Assert.Equal(1, (int)(await EventsAndCardAsync(client, (string)card["id"]!))["version"]!);
    }

    [Fact]
    public async Task An_unknown_session_is_a_404()
    {
        var client = await cluster.A.StaffAsync(cluster.CloudStaff);
        var problem = await ActAsync(client, new { action = "request_refill", sessionId = Guid.NewGuid() }, HttpStatusCode.NotFound);
        Assert.Contains("does not exist", (string)problem["detail"]!);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var client = await cluster.A.StaffAsync(cluster.CloudStaff);
        var response = await client.PostAsync("/api/sessions", new StringContent("{\"action\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Add_flavor_and_update_coal_status_change_the_card_and_its_timeline()
    {
        var (client, card) = await StartedAsync("Mint");
        await ActAsync(client, new { action = "add_flavor", sessionId = card["id"], flavor = "Rose Petal", custom = true }, HttpStatusCode.OK);
        var coal = await ActAsync(client, new { action = "update_coal_status", sessionId = card["id"], coalStatus = "low" }, HttpStatusCode.OK);
        var session = coal["session"]!;
        Assert.Equal(["Mint", "Rose Petal"], session["flavors"]!.AsArray().Select(f => (string)f!));
        Assert.Equal("low", (string)session["coal"]!);
        Assert.Equal(["Started with Mint", "Added custom flavor Rose Petal", "Coal low"],
            session["timeline"]!.AsArray().Select(t => (string)t!["what"]!));
        Assert.All(session["timeline"]!.AsArray().Skip(1), t => Assert.Equal(cluster.CloudStaff.DisplayName, (string)t!["by"]!));
    }

    [Fact]
    public async Task A_bad_coal_status_or_empty_flavor_is_a_400_naming_the_problem()
    {
        var (client, card) = await StartedAsync();
        var coal = await ActAsync(client, new { action = "update_coal_status", sessionId = card["id"], coalStatus = "lukewarm" }, HttpStatusCode.BadRequest);
        Assert.Contains("Unknown coal status 'lukewarm'", (string)coal["detail"]!);
        var flavor = await ActAsync(client, new { action = "add_flavor", sessionId = card["id"], flavor = "  " }, HttpStatusCode.BadRequest);
        Assert.Contains("'flavor' is required", (string)flavor["detail"]!);
        Assert.Equal(1, (int)(await EventsAndCardAsync(client, (string)card["id"]!))["version"]!);
    }

    [Fact]
    public async Task A_change_made_against_a_stale_version_is_a_409_and_is_not_applied()
    {
        var (client, card) = await StartedAsync();
        await ActAsync(client, new { action = "request_refill", sessionId = card["id"], expectedVersion = 1 }, HttpStatusCode.OK);
        var stale = await ActAsync(client, new { action = "end_session", sessionId = card["id"], expectedVersion = 1 }, HttpStatusCode.Conflict);
        Assert.Contains("changed since you saw it", (string)stale["detail"]!);
        Assert.Equal("needs_refill", (string)(await EventsAndCardAsync(client, (string)card["id"]!))["status"]!);
    }

    [Fact]
    public async Task Flavor_suggestions_rank_the_locations_mixes_and_show_the_customers_last_three_sessions()
    {
        var client = await cluster.A.StaffAsync(cluster.CloudStaff);
        foreach (var flavors in new[] { new[] { "Kiwi", "Guava" }, ["Guava", "Kiwi"], ["Kiwi", "Guava"], ["Peach", "Mango"] })
            await SessionsCluster.StartAsync(client, cluster.Bar, Table(), flavors, cluster.Guest("Jade"));

        var suggestions = await ActAsync(client, new { action = "get_flavor_suggestions", locationId = cluster.Bar, customerId = cluster.Guest("Jade") }, HttpStatusCode.OK);
        var mixes = suggestions["popularMixes"]!.AsArray();
        var kiwi = mixes.Single(m => (string)m!["mix"]! == "Guava + Kiwi")!;
        Assert.True((int)kiwi["sessions"]! >= 3);
        Assert.True(mixes.IndexOf(kiwi) < mixes.IndexOf(mixes.Single(m => (string)m!["mix"]! == "Mango + Peach")));
        Assert.False(string.IsNullOrWhiteSpace((string?)suggestions["recommendation"]?["reason"]));
        Assert.Contains(suggestions["businessMixes"]!.AsArray(), m => (string)m!["mix"]! == "Guava + Kiwi");
        var history = suggestions["customerHistory"]!.AsArray();
        Assert.Equal(3, history.Count);
        Assert.Equal(["Peach", "Mango"], history[0]!["flavors"]!.AsArray().Select(f => (string)f!));
    }

    [Fact]
    public async Task A_viewer_can_read_the_board_but_not_change_it()
    {
        var (_, card) = await StartedAsync();
        var viewer = await cluster.A.StaffAsync(cluster.CloudViewer);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/sessions")).StatusCode);
        var response = await viewer.PostAsJsonAsync("/api/sessions", new { action = "request_refill", sessionId = card["id"] });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_repeated_request_with_the_same_idempotency_key_gets_the_first_answer_and_changes_nothing()
    {
        var (client, card) = await StartedAsync();
        async Task<HttpResponseMessage> Send(object body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "tablet-7-tap-42");
            return await client.SendAsync(request);
        }

        var first = await Send(new { action = "request_refill", sessionId = card["id"] });
        var repeat = await Send(new { action = "request_refill", sessionId = card["id"] });
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, repeat.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
        Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(2, (int)(await EventsAndCardAsync(client, (string)card["id"]!))["version"]!);

        var reused = await Send(new { action = "end_session", sessionId = card["id"] });
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("already used for a different request", await reused.Content.ReadAsStringAsync());
        Assert.Equal("needs_refill", (string)(await EventsAndCardAsync(client, (string)card["id"]!))["status"]!);
    }
}
