using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Tests.Customers;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;

namespace Hospitality.Tests.Orders;

/// <summary>Orders through the real host on PostgreSQL: priced from the menu, moved along, cancelled, a guest's history.</summary>
public class OrdersApiTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    private async Task<string> DishAsync(string name, string price, string? locationId = null)
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var response = await manager.PostAsJsonAsync($"/api/locations/{locationId ?? cluster.Bar}/menu/dishes", new { name, type = "drink", price });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    [Fact]
    public async Task An_order_is_priced_from_the_menu_moved_to_each_next_status_and_kept_in_the_guests_history()
    {
        var tea = await DishAsync("Mint tea " + Guid.NewGuid().ToString("N")[..4], "3.50");
        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        var (placed, order) = await PostAsync(staff, "/api/orders", new
        {
            locationId = cluster.Bar, orderType = "dine-in", table = "7", customerId = cluster.Guest("Sofia"), tip = "1.00",
            items = new[] { new { dishId = tea, quantity = 2, price = "0.01" } },   // a price from the client is ignored
        });
        Assert.Equal(HttpStatusCode.Created, placed);
        Assert.Equal((700, 100, 800, "pending"), ((int)order["subtotalMinor"]!, (int)order["tipMinor"]!, (int)order["totalMinor"]!, (string)order["status"]!));
        var id = (string)order["id"]!;

        var onB = await cluster.B.StaffAsync(cluster.CloudStaff);
        Assert.Contains((await onB.GetFromJsonAsync<JsonArray>($"/api/orders?locationId={cluster.Bar}"))!, o => (string)o!["id"]! == id);
        foreach (var next in new[] { "confirmed", "preparing", "ready", "completed" })
            Assert.Equal(next, (string)(await PostAsync(onB, $"/api/orders/{id}/status", new { status = next })).Body["status"]!);
        Assert.DoesNotContain((await onB.GetFromJsonAsync<JsonArray>($"/api/orders?locationId={cluster.Bar}"))!, o => (string)o!["id"]! == id);

        var history = (await staff.GetFromJsonAsync<JsonArray>($"/api/customers/{cluster.Guest("Sofia")}/orders"))!;
        Assert.Equal(id, (string)history[0]!["id"]!);
    }

    [Fact]
    public async Task Skipping_a_status_unknown_or_sold_out_dishes_and_bad_tips_are_refused_and_change_nothing()
    {
        var tea = await DishAsync("Chai " + Guid.NewGuid().ToString("N")[..4], "2.00");
        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        var (_, order) = await PostAsync(staff, "/api/orders", new { locationId = cluster.Bar, type = "takeaway", items = new[] { new { dishId = tea, quantity = 1 } } });
        var id = (string)order["id"]!;

        var (skip, problem) = await PostAsync(staff, $"/api/orders/{id}/status", new { status = "ready" });
        Assert.Equal((HttpStatusCode.Conflict, true), (skip, ((string)problem["detail"]!).Contains("can only become confirmed next")));
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(staff, "/api/orders", new { locationId = cluster.Bar, type = "takeaway", items = new[] { new { dishId = Guid.NewGuid(), quantity = 1 } } })).Status);
        var (tip, tipProblem) = await PostAsync(staff, "/api/orders", new { locationId = cluster.Bar, type = "takeaway", tip = "1.005", items = new[] { new { dishId = tea, quantity = 1 } } });
        Assert.Equal(HttpStatusCode.BadRequest, tip);
        Assert.Contains("tip", (string)tipProblem["detail"]!);

        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        await manager.PostAsJsonAsync($"/api/locations/{cluster.Bar}/menu/dishes/{tea}/availability", new { available = false });
        var (soldOut, soldOutProblem) = await PostAsync(staff, "/api/orders", new { locationId = cluster.Bar, type = "takeaway", items = new[] { new { dishId = tea, quantity = 1 } } });
        Assert.Equal(HttpStatusCode.Conflict, soldOut);
        Assert.Contains("sold out", (string)soldOutProblem["detail"]!);

        var cancelled = (await PostAsync(staff, $"/api/orders/{id}/cancel", new { reason = "Guest changed their mind" })).Body;
        Assert.Equal("cancelled", (string)cancelled["status"]!);
    }

    [Fact]
    public async Task Another_tenants_staff_cannot_see_or_move_an_order()
    {
        var tea = await DishAsync("Sahlab " + Guid.NewGuid().ToString("N")[..4], "4.00");
        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        var id = (string)(await PostAsync(staff, "/api/orders", new { locationId = cluster.Bar, type = "takeaway", items = new[] { new { dishId = tea, quantity = 1 } } })).Body["id"]!;
        var rival = await cluster.A.StaffAsync(cluster.RivalStaff);

        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(rival, $"/api/orders/{id}/status", new { status = "confirmed" })).Status);
        Assert.DoesNotContain((await rival.GetFromJsonAsync<JsonArray>($"/api/orders?locationId={cluster.Rival.Location("Bar").Id}"))!, o => (string)o!["id"]! == id);
        // Both tenants have a location "bar": the rival's is their own, whose menu does not have our dish.
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(rival, "/api/orders", new { locationId = cluster.Bar, type = "takeaway", items = new[] { new { dishId = tea, quantity = 1 } } })).Status);
    }

    [Fact]
    public async Task An_order_at_a_location_with_charges_pays_its_service_charge_and_tax_shown_in_minor_units_and_as_text()
    {
        // Only the Terrace charges, so the Bar's orders in the other tests keep their plain totals.
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var set = await manager.PutAsJsonAsync($"/api/locations/{cluster.Terrace}/charges",
            new { taxRate = "8.25", serviceChargeRate = "12.5", serviceChargeDineInOnly = false });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var shisha = await DishAsync("Shisha " + Guid.NewGuid().ToString("N")[..4], "4.00", cluster.Terrace);
        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);

        var (placed, order) = await PostAsync(staff, "/api/orders", new
        {
            locationId = cluster.Terrace, type = "takeaway", tip = "2.00", items = new[] { new { dishId = shisha, quantity = 3 } },
        });

        // 12.5% of 12.00 = 1.50 service; 8.25% of 13.50 = 1.11375, so 1.11 tax; the tip is not taxed.
        Assert.Equal(HttpStatusCode.Created, placed);
        string[] fields = ["subtotal", "serviceCharge", "tax", "tip", "total"];
        Assert.Equal([1200L, 150L, 111L, 200L, 1661L], fields.Select(f => (long)order[f + "Minor"]!));
        Assert.Equal(["12.00", "1.50", "1.11", "2.00", "16.61"], fields.Select(f => (string)order[f]!));
        var onBoard = (await (await cluster.B.StaffAsync(cluster.CloudStaff)).GetFromJsonAsync<JsonArray>($"/api/orders?locationId={cluster.Terrace}"))!
            .Single(o => (string)o!["id"]! == (string)order["id"]!)!;
        Assert.Equal(["12.00", "1.50", "1.11", "2.00", "16.61"], fields.Select(f => (string)onBoard[f]!));
    }
}
