using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Tests.Customers;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;

namespace Hospitality.Tests.Circles;

/// <summary>Seed 001's circle operations through the real host on PostgreSQL and Redis.</summary>
public class CirclesApiTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    private async Task<(HttpClient Client, JsonObject Circle)> FamilyAsync()
    {
        var client = await cluster.A.StaffAsync(cluster.CloudStaff);
        var response = await client.PostAsJsonAsync("/api/circles", new { ownerId = cluster.Guest("Layla"), name = "The Haddads", type = "family" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (client, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    private static IEnumerable<string> Names(JsonObject circle) => circle["members"]!.AsArray().Select(m => (string)m!["name"]!);

    [Fact]
    public async Task A_circle_is_created_with_its_owner_and_guests_are_invited_by_phone_new_ones_added_to_the_guest_book()
    {
        var (client, circle) = await FamilyAsync();
        Assert.Equal(["Layla Haddad"], Names(circle));
        var id = (string)circle["id"]!;

        var withOmar = await client.PostAsJsonAsync($"/api/circles/{id}/members", new { phone = "+1 (415) 555-0199" });   // Omar, known
        Assert.Equal(HttpStatusCode.OK, withOmar.StatusCode);
        var newPhone = CustomersApiTests.NewPhone();
        var withNew = await client.PostAsJsonAsync($"/api/circles/{id}/members", new { phone = newPhone, name = "Rami Haddad" });
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);

        var family = (await client.GetFromJsonAsync<JsonObject>($"/api/circles/{id}"))!;
        Assert.Equal(["Layla Haddad", "Omar Farouk", "Rami Haddad"], Names(family));
        var rami = (await client.GetFromJsonAsync<JsonObject>($"/api/customers/by-phone/{Uri.EscapeDataString(newPhone)}"))!["customer"]!;
        var ramisCircles = (await client.GetFromJsonAsync<JsonArray>($"/api/customers/{rami["id"]}/circles"))!;
        Assert.Equal(["The Haddads"], ramisCircles.Select(c => (string)c!["name"]!));
    }

    [Fact]
    public async Task The_owner_cannot_be_removed_a_member_can_and_a_stranger_needs_a_name()
    {
        var (client, circle) = await FamilyAsync();
        var id = (string)circle["id"]!;
        await client.PostAsJsonAsync($"/api/circles/{id}/members", new { phone = "+1 415 555 0110" });   // Jade

        var owner = await client.DeleteAsync($"/api/circles/{id}/members/{cluster.Guest("Layla")}");
        Assert.Equal(HttpStatusCode.Conflict, owner.StatusCode);
        Assert.Contains("owner cannot be removed", await owner.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"/api/circles/{id}/members/{cluster.Guest("Jade")}")).StatusCode);

        var stranger = await client.PostAsJsonAsync($"/api/circles/{id}/members", new { phone = CustomersApiTests.NewPhone() });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Contains("give the guest's name", await stranger.Content.ReadAsStringAsync());
        var twice = await client.PostAsJsonAsync($"/api/circles/{id}/members", new { phone = "+1 415 555 0142" });   // Layla again
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(["Layla Haddad"], Names((await client.GetFromJsonAsync<JsonObject>($"/api/circles/{id}"))!));
    }

    [Theory]
    [InlineData("{\"name\":\"Crew\",\"type\":\"friends\"}", "ownerId")]
    [InlineData("{\"ownerId\":\"OWNER\",\"name\":\"Crew\",\"type\":\"colleagues\"}", "Unknown circle type 'colleagues'")]
    [InlineData("{\"ownerId\":\"OWNER\",\"name\":\"\",\"type\":\"friends\"}", "needs a name")]
    public async Task A_bad_circle_is_a_400_naming_what_is_wrong(string body, string expected)
    {
        var client = await cluster.A.StaffAsync(cluster.CloudStaff);
        var response = await client.PostAsync("/api/circles",
            new StringContent(body.Replace("OWNER", cluster.Guest("Marcus")), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Another_tenant_can_neither_see_nor_change_a_circle_nor_use_its_guests()
    {
        var (_, circle) = await FamilyAsync();
        var rival = await cluster.A.StaffAsync(cluster.RivalStaff);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.GetAsync($"/api/circles/{circle["id"]}")).StatusCode);
        var phone = CustomersApiTests.NewPhone();
        Assert.Equal(HttpStatusCode.NotFound, (await rival.PostAsJsonAsync($"/api/circles/{circle["id"]}/members", new { phone, name = "Xavier Young" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.GetAsync($"/api/customers/by-phone/{Uri.EscapeDataString(phone)}")).StatusCode);   // nobody was added
        Assert.Equal(HttpStatusCode.NotFound, (await rival.PostAsJsonAsync("/api/circles", new { ownerId = cluster.Guest("Layla"), name = "Stolen", type = "friends" })).StatusCode);
    }
}
