using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;

namespace Hospitality.Tests.Menus;

/// <summary>A location's menu through the real host on PostgreSQL and Redis: managers edit, staff mark sold out, prices are text.</summary>
public class MenuApiTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    private string BarMenu => $"/api/locations/{cluster.Bar}/menu";

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..6]}";

    private static async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        var response = await client.SendAsync(new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject());
    }

    private async Task<JsonObject> AddAsync(object dish)
    {
        var (status, body) = await SendAsync(await cluster.A.StaffAsync(cluster.CloudManager), HttpMethod.Post, $"{BarMenu}/dishes", dish);
        Assert.True(status == HttpStatusCode.Created, $"{status}: {body}");
        return body;
    }

    private static async Task<JsonObject?> FindAsync(HttpClient client, string menuUrl, string id)
    {
        var menu = (await client.GetFromJsonAsync<JsonObject>(menuUrl))!;
        return menu["dishes"]!.AsArray().Select(d => d!.AsObject()).SingleOrDefault(d => (string)d["id"]! == id);
    }

    [Fact]
    public async Task A_manager_adds_a_dish_priced_as_text_and_staff_on_any_server_see_it_on_the_menu()
    {
        var name = Unique("Chicken Biryani");
        var added = await AddAsync(new { name, type = "non-veg", price = "2.99", currency = "USD", description = "Seed 001's favourite" });
        Assert.Equal(("2.99", "USD", "non_veg", true), ((string)added["price"]!, (string)added["currency"]!, (string)added["type"]!, (bool)added["available"]!));

        var staff = await cluster.B.StaffAsync(cluster.CloudStaff);
        var menu = (await staff.GetFromJsonAsync<JsonObject>(BarMenu))!;
        Assert.Equal("USD", (string)menu["currency"]!);
        var dish = Assert.Single(menu["dishes"]!.AsArray(), d => (string)d!["name"]! == name)!;
        Assert.Equal("2.99", (string)dish["price"]!);   // a string in major units, never a JSON number
    }

    [Fact]
    public async Task An_edit_made_on_a_stale_dish_is_a_409_and_changes_nothing()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var added = await AddAsync(new { name = Unique("Mint Tea"), type = "drink", price = "4.50" });
        var url = $"{BarMenu}/dishes/{added["id"]}";
        var seen = (long)added["version"]!;
        var (ok, edited) = await SendAsync(manager, HttpMethod.Put, url, new { name = (string)added["name"]!, type = "drink", price = "5.00", expectedVersion = seen });
        Assert.Equal(HttpStatusCode.OK, ok);

        var (stale, problem) = await SendAsync(manager, HttpMethod.Put, url, new { name = (string)added["name"]!, type = "drink", price = "1.00", expectedVersion = seen });

        Assert.Equal(HttpStatusCode.Conflict, stale);
        Assert.Contains("changed since you opened it", (string)problem["detail"]!);
        var now = (await FindAsync(manager, BarMenu, (string)added["id"]!))!;
        Assert.Equal(("5.00", (long)edited["version"]!), ((string)now["price"]!, (long)now["version"]!));
    }

    [Fact]
    public async Task A_dish_staff_mark_sold_out_leaves_the_guest_listing_but_stays_for_staff_until_it_is_back()
    {
        var id = (string)(await AddAsync(new { name = Unique("Kunafa"), type = "dessert", price = "9" }))["id"]!;
        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);

        var (status, dish) = await SendAsync(staff, HttpMethod.Post, $"{BarMenu}/dishes/{id}/availability", new { available = false });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False((bool)dish["available"]!);
        Assert.Null(await FindAsync(staff, BarMenu, id));
        Assert.False((bool)(await FindAsync(staff, $"{BarMenu}?includeUnavailable=true", id))!["available"]!);

        await SendAsync(staff, HttpMethod.Post, $"{BarMenu}/dishes/{id}/availability", new { available = true });
        Assert.NotNull(await FindAsync(staff, BarMenu, id));
    }

    [Theory]
    [InlineData("\"2.999\"", "has 3 decimals; USD has 2")]
    [InlineData("\"-1\"", "is negative")]
    [InlineData("\"abc\"", "is not an amount")]
    [InlineData("\"0\"", "more than zero")]
    [InlineData("2.99", "$.price")]
    public async Task A_price_that_is_not_an_exact_positive_amount_is_a_400_naming_the_price_and_adds_nothing(string price, string expected)
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var name = Unique("Falafel");
        var body = $$"""{"name":"{{name}}","type":"vegan","price":{{price}}}""";

        var response = await manager.PostAsync($"{BarMenu}/dishes", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!;
        Assert.Contains("price", detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(expected, detail);
        var menu = (await manager.GetFromJsonAsync<JsonObject>($"{BarMenu}?includeUnavailable=true"))!;
        Assert.DoesNotContain(menu["dishes"]!.AsArray(), d => (string)d!["name"]! == name);
    }

    [Fact]
    public async Task Another_tenants_location_or_one_outside_a_sign_ins_location_is_not_found()
    {
        var rival = await cluster.A.StaffAsync(cluster.RivalManager);
        var cloudOnly = $"/api/locations/{cluster.Terrace}/menu";   // Rival has a "bar" of its own, but no terrace

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(rival, HttpMethod.Get, cloudOnly)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(rival, HttpMethod.Post, $"{cloudOnly}/dishes", new { name = "Tea", type = "drink", price = "1" })).Status);
        var terraceStaff = await cluster.A.StaffAsync(cluster.TerraceStaff);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(terraceStaff, HttpMethod.Get, BarMenu)).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(terraceStaff, HttpMethod.Get, cloudOnly)).Status);
    }

    [Fact]
    public async Task Rival_dishes_stay_on_the_rival_menu_though_both_tenants_call_a_location_bar()
    {
        var rival = await cluster.A.StaffAsync(cluster.RivalManager);
        var name = Unique("Rival Tea");
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(rival, HttpMethod.Post, $"/api/locations/{cluster.Rival.Location("Bar").Id}/menu/dishes",
            new { name, type = "drink", price = "3.00" })).Status);

        var ours = (await (await cluster.A.StaffAsync(cluster.CloudStaff)).GetFromJsonAsync<JsonObject>($"{BarMenu}?includeUnavailable=true"))!;
        Assert.DoesNotContain(ours["dishes"]!.AsArray(), d => (string)d!["name"]! == name);
    }

    [Fact]
    public async Task Staff_may_mark_sold_out_but_only_managers_add_change_or_remove_dishes()
    {
        var id = (string)(await AddAsync(new { name = Unique("Baklava"), type = "dessert", price = "6.50" }))["id"]!;
        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        var viewer = await cluster.A.StaffAsync(cluster.CloudViewer);

        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(staff, HttpMethod.Post, $"{BarMenu}/dishes", new { name = "Tea", type = "drink", price = "1" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(staff, HttpMethod.Put, $"{BarMenu}/dishes/{id}", new { name = "Cheap", type = "dessert", price = "0.01" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(staff, HttpMethod.Delete, $"{BarMenu}/dishes/{id}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(viewer, HttpMethod.Post, $"{BarMenu}/dishes/{id}/availability", new { available = false })).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(viewer, HttpMethod.Get, BarMenu)).Status);

        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(manager, HttpMethod.Delete, $"{BarMenu}/dishes/{id}")).Status);
        Assert.Null(await FindAsync(staff, $"{BarMenu}?includeUnavailable=true", id));
    }
}
