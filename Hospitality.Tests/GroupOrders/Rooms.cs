using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;

namespace Hospitality.Tests.GroupOrders;

/// <summary>
/// Sets up group-order rooms through the real API of a <see cref="SessionsCluster"/>: a dish on the Bar's menu, a family
/// circle (Layla owns it; Omar and Jade are members), a room opened by staff, members' invite links and their hub connections.
/// </summary>
public sealed class Rooms(SessionsCluster cluster)
{
    public const string Hub = "/hubs/group-orders";

    public async Task<string> DishAsync(string name, string price, string? locationId = null) => (await NamedDishAsync(name, price, locationId)).Id;

    /// <summary>A dish on the menu of the Bar (or <paramref name="locationId"/>) and the name it got (<paramref name="name"/> and a short suffix that keeps it unique).</summary>
    public async Task<(string Id, string Name)> NamedDishAsync(string name, string price, string? locationId = null)
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var response = await manager.PostAsJsonAsync($"/api/locations/{locationId ?? cluster.Bar}/menu/dishes", new { name = $"{name} {Guid.NewGuid():N}"[..(name.Length + 7)], type = "veg", price });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var dish = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return ((string)dish["id"]!, (string)dish["name"]!);
    }

    /// <summary>A new family circle: Layla (owner), Omar and Jade.</summary>
    public async Task<string> FamilyAsync()
    {
        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        var created = await staff.PostAsJsonAsync("/api/circles", new { ownerId = cluster.Guest("Layla"), name = "The Haddads", type = "family" });
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        foreach (var phone in new[] { "+1 (415) 555-0199", "+1 415 555 0110" })   // Omar, Jade
            Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/circles/{id}/members", new { phone })).StatusCode);
        return id;
    }

    /// <summary>Staff open a dine-in room for Layla's family at the Bar; returns the room id and Layla's link token.</summary>
    public async Task<(string RoomId, string OwnerToken)> StartAsync(string? circleId = null, string? locationId = null)
    {
        circleId ??= await FamilyAsync();
        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        var response = await staff.PostAsJsonAsync($"/api/circles/{circleId}/rooms",
            new { ownerId = cluster.Guest("Layla"), locationId = locationId ?? cluster.Bar, orderType = "dine_in", table = "T7" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return ((string)body["room"]!["id"]!, (string)body["invite"]!["token"]!);
    }

    /// <summary>A member's invite link, issued by staff.</summary>
    public async Task<string> InviteAsync(string roomId, string firstName)
    {
        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);
        var response = await staff.PostAsJsonAsync($"/api/rooms/{roomId}/invites", new { customerId = cluster.Guest(firstName) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["invite"]!["token"]!;
    }

    /// <summary>A phone in the room on <paramref name="host"/>, joined.</summary>
    public static async Task<HubTestClient> JoinAsync(HospitalityHost host, string token)
    {
        var phone = await host.HubWithTokenAsync(Hub, token);
        await phone.InvokeAsync("join");
        return phone;
    }

    public static IEnumerable<JsonNode> Items(JsonNode room) => room["items"]!.AsArray().Select(i => i!);

    public static string Share(JsonNode room, string customerId) =>
        (string)room["people"]!.AsArray().Single(p => (string)p!["customerId"]! == customerId)!["share"]!;
}
