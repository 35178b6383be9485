using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Hospitality.Bench.Web;

/// <summary>A group-order room ready for phones: its id and the personal invite link token of each of its four guests (the owner first).</summary>
public sealed record SeededRoom(Guid Id, string[] Tokens);

/// <summary>
/// Group-order rooms set up through the staff API the way the tests' <c>Rooms</c> helper does: a dish on the location's
/// menu, then per room a guest who owns a friends circle, three members invited by mobile number (new guests), the room
/// opened by staff (the answer holds the owner's link) and a link issued for each member.
/// </summary>
public static class RoomSeeding
{
    public const int Guests = 4;

    public static async Task<(Guid Dish, SeededRoom[] Rooms)> SeedAsync(HttpClient staff, string locationId, int rooms)
    {
        var dish = await PostAsync(staff, $"/api/locations/{locationId}/menu/dishes", new { name = "Bench mezze", type = "veg", price = "4.50" }, default);
        var seeded = new SeededRoom[rooms];
        await Parallel.ForEachAsync(Enumerable.Range(0, rooms), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (r, ct) => seeded[r] = await RoomAsync(staff, locationId, r, ct));
        return (Guid.Parse((string)dish["id"]!), seeded);
    }

    private static async Task<SeededRoom> RoomAsync(HttpClient staff, string locationId, int r, CancellationToken ct)
    {
        string Phone(int guest) => $"+1415555{r * Guests + guest:D4}";   // NANP 415-555-xxxx: 2,500 rooms at most
        var owner = await PostAsync(staff, "/api/customers", new { firstName = "Guest", lastName = $"{r}-0", phone = Phone(0), locationId }, ct);
        var ownerId = (string)owner["id"]!;
        var circle = await PostAsync(staff, "/api/circles", new { ownerId, name = $"Table {r}", type = "friends" }, ct);
        var circleId = (string)circle["id"]!;
        for (var guest = 1; guest < Guests; guest++)
            circle = await PostAsync(staff, $"/api/circles/{circleId}/members", new { phone = Phone(guest), name = $"Guest {r}-{guest}" }, ct);
        var started = await PostAsync(staff, $"/api/circles/{circleId}/rooms", new { ownerId, locationId, orderType = "dine_in", table = $"T{r}" }, ct);
        var roomId = (string)started["room"]!["id"]!;
        var tokens = new List<string> { (string)started["invite"]!["token"]! };
        foreach (var member in circle["members"]!.AsArray().Where(m => !(bool)m!["isOwner"]!))
        {
            var invited = await PostAsync(staff, $"/api/rooms/{roomId}/invites", new { customerId = (string)member!["customerId"]! }, ct);
            tokens.Add((string)invited["invite"]!["token"]!);
        }
        return new SeededRoom(Guid.Parse(roomId), [.. tokens]);
    }

    private static async Task<JsonNode> PostAsync(HttpClient staff, string path, object body, CancellationToken ct)
    {
        using var response = await staff.PostAsJsonAsync(path, body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }
}
