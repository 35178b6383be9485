using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;

namespace Hospitality.Tests.Customers;

/// <summary>An AI voice or chat agent of one location calls capture_customer_info with its own token, and nothing else.</summary>
public class AgentTokenTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    private async Task<string> IssueAsync(string purpose)
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var response = await manager.PostAsJsonAsync($"/api/locations/{cluster.Terrace}/display-tokens", new { label = "Phone line", purpose });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!;
    }

    private HttpClient With(string token)
    {
        var client = cluster.B.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task An_agent_token_records_guests_at_its_location_and_can_do_nothing_else()
    {
        var agentToken = await IssueAsync("agent");
        var agent = With(agentToken);
        var phone = CustomersApiTests.Digits(CustomersApiTests.NewPhone());

        var captured = await agent.PostAsJsonAsync("/api/agent/capture_customer_info", new { name = "Ama Boateng", phone });

        Assert.Equal(HttpStatusCode.OK, captured.StatusCode);
        var body = (await captured.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True((bool)body["isNewCustomer"]!);
        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        var guest = (await staff.GetFromJsonAsync<JsonObject>($"/api/customers/{body["customerId"]}"))!["customer"]!;
        Assert.Equal((cluster.Terrace, "+1" + phone), ((string)guest["homeLocationId"]!, (string)guest["phone"]!));

        // Staff endpoints accept only a staff sign-in: an agent's token is not even read there (401).
        Assert.Equal(HttpStatusCode.Unauthorized, (await agent.GetAsync("/api/customers")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await agent.GetAsync($"/api/sessions?locationId={cluster.Terrace}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await agent.PostAsJsonAsync("/api/sessions", new { action = "request_refill", sessionId = Guid.NewGuid() })).StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(async () => await cluster.B.HubWithTokenAsync("/hubs/sessions", agentToken));
    }

    [Fact]
    public async Task A_screens_token_cannot_record_guests_and_a_bad_agent_call_names_the_missing_field()
    {
        var screen = With(await IssueAsync("display"));
        Assert.Equal(HttpStatusCode.Forbidden, (await screen.PostAsJsonAsync("/api/agent/capture_customer_info", new { name = "X", phone = "4155550100" })).StatusCode);

        var agent = With(await IssueAsync("agent"));
        var missing = await agent.PostAsJsonAsync("/api/agent/capture_customer_info", new { name = "Ama Boateng" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("'phone'", await missing.Content.ReadAsStringAsync());
        var spoken = await agent.PostAsJsonAsync("/api/agent/capture_customer_info", new { name = "Ama", phone = "nine eight seven six" });
        Assert.Equal(HttpStatusCode.BadRequest, spoken.StatusCode);
        Assert.Contains("not a phone number", await spoken.Content.ReadAsStringAsync());
    }
}
