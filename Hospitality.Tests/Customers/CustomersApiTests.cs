using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;

namespace Hospitality.Tests.Customers;

/// <summary>The guest book through the real host on PostgreSQL and Redis: seed 001's and seed 004's operations, and bad input.</summary>
public class CustomersApiTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    /// <summary>A US mobile no other test uses (exchange 200-999, as NANP requires).</summary>
    internal static string NewPhone() => $"(415) {Random.Shared.Next(200, 999)}-{Random.Shared.Next(0, 9999):D4}";

    internal static string Digits(string phone) => new(phone.Where(char.IsDigit).ToArray());

    private Task<HttpClient> StaffAsync() => cluster.A.StaffAsync(cluster.CloudStaff);

    internal static async Task<JsonObject> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/customers", body);
        var json = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {json}");
        return json;
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        var response = await client.SendAsync(new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject());
    }

    [Fact]
    public async Task A_guest_added_with_a_local_number_is_found_by_any_format_of_it()
    {
        var client = await StaffAsync();
        var phone = NewPhone();
        var created = await CreateAsync(client, new { firstName = "Noor", lastName = "Saleh", phone, email = "noor@example.com" });
        Assert.Equal("+1" + Digits(phone), (string)created["phone"]!);

        foreach (var format in new[] { "+1" + Digits(phone), "1-" + Digits(phone), Digits(phone) })
        {
            var (status, found) = await SendAsync(client, HttpMethod.Get, $"/api/customers/by-phone/{Uri.EscapeDataString(format)}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal((string)created["id"]!, (string)found["customer"]!["id"]!);
        }
    }

    [Fact]
    public async Task The_same_mobile_number_cannot_belong_to_two_guests_of_a_tenant_but_can_in_another_tenant()
    {
        var client = await StaffAsync();
        var phone = NewPhone();
        await CreateAsync(client, new { firstName = "Ana", lastName = "Lima", phone });

        var (status, problem) = await SendAsync(client, HttpMethod.Post, "/api/customers", new { firstName = "Other", lastName = "Person", phone = "+1 " + phone });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("already registered", (string)problem["detail"]!);

        var rival = await cluster.A.StaffAsync(cluster.RivalStaff);
        await CreateAsync(rival, new { firstName = "Ana", lastName = "Lima", phone });
    }

    [Theory]
    [InlineData("{\"lastName\":\"Lima\",\"phone\":\"4155550100\"}", "first name is required")]
    [InlineData("{\"firstName\":\"Ana\",\"phone\":\"12\"}", "too short")]
    [InlineData("{\"firstName\":\"Ana\",\"phone\":\"415-555-CALL\"}", "not a phone number")]
    [InlineData("{\"firstName\":\"Ana\",\"phone\":\"4155550100\",\"email\":\"ana-at-example\"}", "not an email address")]
    [InlineData("{\"firstName\":\"Ana\",\"phone\":4155550100}", "phone")]
    public async Task Bad_input_is_a_400_naming_what_is_wrong_and_adds_nobody(string body, string expected)
    {
        var client = await StaffAsync();
        var before = (int)(await client.GetFromJsonAsync<JsonObject>("/api/customers?pageSize=1"))!["total"]!;

        var response = await client.PostAsync("/api/customers", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, (int)(await client.GetFromJsonAsync<JsonObject>("/api/customers?pageSize=1"))!["total"]!);
    }

    [Fact]
    public async Task Capture_customer_info_creates_then_updates_and_says_which()
    {
        var client = await StaffAsync();
        var phone = Digits(NewPhone());
        var first = (await SendAsync(client, HttpMethod.Post, "/api/agent/capture_customer_info",
            new { name = "John Mensah", phone, email = "john@example.com" })).Body;
        Assert.True((bool)first["isNewCustomer"]!);
        Assert.Equal("Customer info saved: John Mensah", (string)first["message"]!);

        var second = (await SendAsync(client, HttpMethod.Post, "/api/agent/capture_customer_info", new
        {
            name = "John K Mensah", phone = "+1" + phone,
            deliveryAddress = new { street = "12 Dock Rd", apartment = "4B", city = "Oakland", state = "CA", pincode = "94607", landmark = "Blue gate" },
        })).Body;

        Assert.False((bool)second["isNewCustomer"]!);
        Assert.Equal((string)first["customerId"]!, (string)second["customerId"]!);
        var view = (await client.GetFromJsonAsync<JsonObject>($"/api/customers/{second["customerId"]}"))!["customer"]!;
        Assert.Equal(("John K", "Mensah", "john@example.com"), ((string)view["firstName"]!, (string)view["lastName"]!, (string)view["email"]!));
        Assert.Equal("94607", (string)view["address"]!["postcode"]!);
    }

    [Fact]
    public async Task The_list_is_sorted_by_last_name_searchable_by_name_or_phone_and_paged()
    {
        var client = await StaffAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var phones = new List<string>();
        foreach (var last in new[] { "Zed", "Abbot", "Moss" })
        {
            var phone = NewPhone();
            phones.Add(phone);
            await CreateAsync(client, new { firstName = "Kim" + tag, lastName = last + tag, phone });
        }

        var page1 = (await client.GetFromJsonAsync<JsonObject>($"/api/customers?search=kim{tag}&pageSize=2"))!;
        Assert.Equal(3, (int)page1["total"]!);
        Assert.Equal(["Abbot" + tag, "Moss" + tag], page1["items"]!.AsArray().Select(c => (string)c!["lastName"]!));
        var page2 = (await client.GetFromJsonAsync<JsonObject>($"/api/customers?search=kim{tag}&pageSize=2&page=2"))!;
        Assert.Equal(["Zed" + tag], page2["items"]!.AsArray().Select(c => (string)c!["lastName"]!));

        var byPhone = (await client.GetFromJsonAsync<JsonObject>($"/api/customers?search={Uri.EscapeDataString(phones[1])}"))!;
        Assert.Equal("Abbot" + tag, (string)byPhone["items"]![0]!["lastName"]!);
    }

    [Fact]
    public async Task An_edit_made_on_a_stale_profile_is_refused_and_changes_nothing()
    {
        var client = await StaffAsync();
        var phone = NewPhone();
        var created = await CreateAsync(client, new { firstName = "Ravi", lastName = "Patel", phone });
        var url = $"/api/customers/{created["id"]}";
        var (ok, edited) = await SendAsync(client, HttpMethod.Put, url, new { firstName = "Ravi", lastName = "Patel", phone, email = "ravi@example.com", expectedVersion = (long)created["version"]! });
        Assert.Equal(HttpStatusCode.OK, ok);

        var (stale, problem) = await SendAsync(client, HttpMethod.Put, url, new { firstName = "R", lastName = "P", phone, expectedVersion = (long)created["version"]! });

        Assert.Equal(HttpStatusCode.Conflict, stale);
        Assert.Contains("changed since you opened it", (string)problem["detail"]!);
        Assert.Equal("Ravi", (string)(await client.GetFromJsonAsync<JsonObject>(url))!["customer"]!["firstName"]!);
        Assert.Equal((long)edited["version"]!, (long)(await client.GetFromJsonAsync<JsonObject>(url))!["customer"]!["version"]!);
    }

    [Fact]
    public async Task A_guests_sessions_carry_their_name_and_make_their_history_and_loyalty()
    {
        var client = await StaffAsync();
        var guest = await CreateAsync(client, new { firstName = "Mia", lastName = "Wong", phone = NewPhone() });
        var id = (string)guest["id"]!;
        foreach (var mix in new[] { new[] { "Mint" }, ["Grape"], ["Lemon", "Mint"], ["Peach"] })
        {
            var card = await SessionsCluster.StartAsync(client, cluster.Bar, Random.Shared.Next(100, 999).ToString(), mix, id);
            Assert.Equal("Mia Wong", (string)card["customerName"]!);
            Assert.Equal("bronze", (string)card["customerTier"]!);   // the card shows the tier with this visit
        }

        var history = (await client.GetFromJsonAsync<JsonArray>($"/api/customers/{id}/history"))!;
        Assert.Equal(4, history.Count);
        Assert.Equal(["Peach"], history[0]!["flavors"]!.AsArray().Select(f => (string)f!));
        var view = (await client.GetFromJsonAsync<JsonObject>($"/api/customers/{id}"))!;
        Assert.Equal(3, view["recentSessions"]!.AsArray().Count);
        Assert.Equal((4, "bronze"), ((int)view["loyalty"]!["visits"]!, (string)view["loyalty"]!["tier"]!));
    }

    [Fact]
    public async Task Another_tenant_can_neither_read_nor_change_nor_delete_a_guest()
    {
        var client = await StaffAsync();
        var phone = NewPhone();
        var id = (string)(await CreateAsync(client, new { firstName = "Lena", lastName = "Berg", phone }))["id"]!;
        var rival = await cluster.A.StaffAsync(cluster.RivalManager);

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(rival, HttpMethod.Get, $"/api/customers/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(rival, HttpMethod.Get, $"/api/customers/{id}/history")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(rival, HttpMethod.Get, $"/api/customers/by-phone/{Uri.EscapeDataString(phone)}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(rival, HttpMethod.Put, $"/api/customers/{id}", new { firstName = "X", phone })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(rival, HttpMethod.Delete, $"/api/customers/{id}")).Status);
        Assert.Equal(0, (int)(await rival.GetFromJsonAsync<JsonObject>("/api/customers?search=lena"))!["total"]!);
        Assert.Equal("Lena", (string)(await client.GetFromJsonAsync<JsonObject>($"/api/customers/{id}"))!["customer"]!["firstName"]!);
    }

    [Fact]
    public async Task Only_managers_may_delete_a_guest()
    {
        var client = await StaffAsync();
        var id = (string)(await CreateAsync(client, new { firstName = "Theo", lastName = "Kern", phone = NewPhone() }))["id"]!;
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(client, HttpMethod.Delete, $"/api/customers/{id}")).Status);
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(manager, HttpMethod.Delete, $"/api/customers/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(client, HttpMethod.Get, $"/api/customers/{id}")).Status);
    }
}
