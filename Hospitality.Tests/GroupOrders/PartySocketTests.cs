using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Hospitality.Hubs.GroupOrders;
using Hospitality.Hubs.Live;
using System.Net.Http.Json;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Tests.GroupOrders;

/// <summary>
/// <c>/parties/collaborative_order/{roomId}</c> through the real hosts: a client written for the seed's PartyKit server,
/// sending the seed's own JSON (its "Frontend Integration" section) with the guest's invite link as <c>?token=</c>.
/// </summary>
public class PartySocketTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    private readonly Rooms _rooms = new(cluster);

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>The seed's add_item, as its frontend sends it (the dish by name, with a price of its own).</summary>
    private static string AddItem(string participantId, string dishName, int quantity = 2, long? timestamp = null, string price = "299", string extra = "") =>
        $$"""{"type":"add_item","participantId":"{{participantId}}","participantName":"Layla","timestamp":{{timestamp ?? Now}},"data":{"dishName":"{{dishName}}","dishType":"non-veg","quantity":{{quantity}},"price":{{price}}}{{extra}}}""";

    [Fact]
    public async Task A_client_written_for_the_seeds_server_builds_and_sends_the_order_with_a_hub_guest_on_the_other_server()
    {
        var (biryani, biryaniName) = await _rooms.NamedDishAsync("Chicken Biryani", "12.99");
        var tea = Guid.Parse(await _rooms.DishAsync("Mint tea", "4.50"));
        var (roomId, ownerToken) = await _rooms.StartAsync();
        string layla = cluster.Guest("Layla"), omarId = cluster.Guest("Omar");
        await using var socket = await PartyClient.ConnectAsync(cluster.A, roomId, ownerToken);
        var sync = await socket.NextAsync("sync");
        Assert.Equal(roomId, (string)sync["state"]!["id"]!);

        await socket.SendAsync($$$"""
            {"type":"join","participantId":"{{{layla}}}","participantName":"Layla","timestamp":{{{Now}}},
             "data":{"circleId":"{{{sync["state"]!["circleId"]}}}","tenantId":"{{{cluster.Cloud.Tenant.Id}}}","phone":"+14155550100"}}
            """);
        var joined = (await socket.NextAsync("sync"))["state"]!;   // the owner opened the room, so her join adds nothing but an answer
        Assert.Contains(joined["people"]!.AsArray(), p => (string)p!["customerId"]! == layla && (bool)p["inRoom"]!);
        await using var omar = await Rooms.JoinAsync(cluster.B, await _rooms.InviteAsync(roomId, "Omar"));
        Assert.Equal(omarId, (string)(await socket.NextAsync("participant_joined"))["participantId"]!);

        // The seed's add_item names the dish (any case) and sends a price of 299: the menu's 12.99 is used.
        await socket.SendAsync(AddItem(layla, biryaniName.ToUpperInvariant()));
        var added = await socket.NextAsync("item_added");
        Assert.Equal(layla, (string)added["participantId"]!);
        var line = added["data"]!["item"]!;
        Assert.Equal((biryani, "12.99", "25.98"), ((string)line["dishId"]!, (string)line["unitPrice"]!, (string)line["total"]!));
        Assert.Equal((string)line["id"]!, (string)(await omar.NextPushAsync("item_added"))[0]!["data"]!["item"]!["id"]!);

        // Omar's change on the hub, on the other server, reaches the socket.
        await omar.InvokeAsync("add_item", tea, 1, Guid.NewGuid());
        var omarsAdd = await socket.NextAsync("item_added");
        Assert.Equal(omarId, (string)omarsAdd["participantId"]!);
        Assert.Equal("30.48", (string)omarsAdd["state"]!["total"]!);

        await socket.SendAsync($$$"""{"type":"update_quantity","participantId":"{{{layla}}}","timestamp":{{{Now}}},"data":{"itemId":"{{{line["id"]}}}","quantity":3,"expectedQuantity":2}}""");
        Assert.Equal(3, (int)(await socket.NextAsync("quantity_updated"))["data"]!["quantity"]!);
        Assert.Equal(3, (int)(await omar.NextPushAsync("quantity_updated"))[0]!["data"]!["quantity"]!);

        await socket.SendAsync($$$"""{"type":"update_split","participantId":"{{{layla}}}","timestamp":{{{Now}}},"data":{"splitType":"shares","splitDetails":{"{{{layla}}}":1,"{{{omarId}}}":2}} }""");
        var split = (await socket.NextAsync("split_updated"))["state"]!;
        Assert.Equal(("14.49", "28.98"), (Rooms.Share(split, layla), Rooms.Share(split, omarId)));

        await socket.SendAsync($$$"""{"type":"finalize","participantId":"{{{layla}}}","timestamp":{{{Now}}},"data":{"orderPerParticipant":false}}""");
        Assert.Single((await socket.NextAsync("order_finalized"))["data"]!["orderIds"]!.AsArray());
        Assert.True((bool)(await omar.NextPushAsync("order_finalized"))[0]!["state"]!["finalized"]!);
    }

    [Fact]
    public async Task The_clients_price_is_never_used_and_an_add_sent_again_adds_one_line()
    {
        var (_, biryani) = await _rooms.NamedDishAsync("Chicken Biryani", "12.99");
        var (roomId, ownerToken) = await _rooms.StartAsync();
        var layla = cluster.Guest("Layla");
        var first = AddItem(layla, biryani, price: "0.01", timestamp: Now);
        await using (var socket = await PartyClient.ConnectAsync(cluster.A, roomId, ownerToken))
        {
            await socket.SendAsync(first);
            await socket.NextAsync("item_added");
        }

        // The phone reconnects to the other server and resends what it is unsure of; then adds with keys of its own.
        await using var again = await PartyClient.ConnectAsync(cluster.B, roomId, ownerToken);
        await again.SendAsync(first);
        await again.SendAsync(AddItem(layla, biryani, timestamp: Now + 1));
        var key = Guid.NewGuid();
        await again.SendAsync(AddItem(layla, biryani, timestamp: Now + 2, extra: $$""","id":"{{key}}" """));
        await again.SendAsync(AddItem(layla, biryani, timestamp: Now + 3, extra: $$""","id":"{{key}}" """));
        await again.NextAsync("sync");
        await again.SendAsync("""{"type":"sync"}""");
        var room = (await again.NextAsync("sync"))["state"]!;

        Assert.Equal(3, Rooms.Items(room).Count());
        Assert.All(Rooms.Items(room), i => Assert.Equal("12.99", (string)i["unitPrice"]!));
        Assert.Contains(Rooms.Items(room), i => (Guid)i["id"]! == key);
        Assert.Equal("77.94", (string)room["total"]!);
    }

    [Fact]
    public async Task Malformed_unknown_foreign_and_oversized_messages_get_an_error_and_change_nothing()
    {
        var (_, biryani) = await _rooms.NamedDishAsync("Chicken Biryani", "12.99");
        var (roomId, ownerToken) = await _rooms.StartAsync();
        var layla = cluster.Guest("Layla");
        await using var socket = await PartyClient.ConnectAsync(cluster.A, roomId, ownerToken);
        var version = (long)(await socket.NextAsync("sync"))["version"]!;

        async Task<(string Message, string? Regarding)> Refused(string json)
        {
            await socket.SendAsync(json);
            var data = (await socket.NextAsync("error"))["data"]!;
            return ((string)data["message"]!, (string?)data["regarding"]);
        }

        Assert.Contains("not valid JSON", (await Refused("""{"type":"add_item","data":{"dishName":""")).Message);
        var unknown = await Refused($$"""{"type":"dance","participantId":"{{layla}}"}""");
        Assert.StartsWith("Unknown message type 'dance'", unknown.Message);
        Assert.Equal("dance", unknown.Regarding);
        var foreign = await Refused(AddItem(cluster.Guest("Omar"), biryani));
        Assert.Equal("add_item", foreign.Regarding);
        Assert.Contains("not yours", foreign.Message);
        Assert.Contains("on the menu", (await Refused(AddItem(layla, "Nothing like it"))).Message);
        Assert.Contains("between 1 and 20", (await Refused(AddItem(layla, biryani, quantity: 500))).Message);
        Assert.Contains("data.quantity", (await Refused(AddItem(layla, biryani).Replace("\"quantity\":2", "\"quantity\":\"two\""))).Message);
        Assert.Contains("too large", (await Refused(AddItem(layla, biryani, extra: $$""","note":"{{new string('x', 10_000)}}" """))).Message);

        await socket.SendAsync("""{"type":"sync"}""");
        var room = (await socket.NextAsync("sync"))["state"]!;
        Assert.Equal(version, (long)room["version"]!);
        Assert.Empty(Rooms.Items(room));

        // Far over the limit: not read to its end, the socket is closed with 1009. The room is untouched.
        await socket.SendAsync(AddItem(layla, biryani, extra: $$""","note":"{{new string('x', 100_000)}}" """));
        await socket.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, socket.CloseStatus);
        await using var back = await PartyClient.ConnectAsync(cluster.B, roomId, ownerToken);
        Assert.Equal(version, (long)(await back.NextAsync("sync"))["version"]!);
    }

    [Fact]
    public async Task A_socket_without_a_link_with_a_forged_one_or_with_another_rooms_link_is_refused()
    {
        var (roomId, ownerToken) = await _rooms.StartAsync();
        var (otherRoomId, _) = await _rooms.StartAsync();

        Assert.Contains("401", (await Assert.ThrowsAnyAsync<Exception>(() => PartyClient.ConnectAsync(cluster.A, roomId, null))).Message);
        Assert.Contains("401", (await Assert.ThrowsAnyAsync<Exception>(() => PartyClient.ConnectAsync(cluster.A, roomId, ownerToken[..^4] + "AAAA"))).Message);
        Assert.Contains("403", (await Assert.ThrowsAnyAsync<Exception>(() => PartyClient.ConnectAsync(cluster.A, otherRoomId, ownerToken))).Message);
        await using var own = await PartyClient.ConnectAsync(cluster.A, roomId, ownerToken);
        Assert.Equal(roomId, (string)(await own.NextAsync("sync"))["state"]!["id"]!);

        // A link revoked by staff on the other server closes its open socket at once.
        var omarToken = await _rooms.InviteAsync(roomId, "Omar");
        await using var omar = await PartyClient.ConnectAsync(cluster.A, roomId, omarToken);
        await omar.NextAsync("sync");
        var staff = await cluster.B.StaffAsync(cluster.CloudStaff);
        var room = (await staff.GetFromJsonAsync<JsonObject>($"/api/rooms/{roomId}"))!;
        var invite = (string)room["invites"]!.AsArray().Last(i => (string)i!["customerId"]! == cluster.Guest("Omar"))!["id"]!;
        Assert.Equal(System.Net.HttpStatusCode.OK, (await staff.DeleteAsync($"/api/rooms/{roomId}/invites/{invite}")).StatusCode);
        await omar.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, omar.CloseStatus);
    }

    [Fact]
    public async Task A_socket_flooding_the_room_is_slowed_down()
    {
        var (roomId, ownerToken) = await _rooms.StartAsync();
        await using var socket = await PartyClient.ConnectAsync(cluster.A, roomId, ownerToken);
        await socket.NextAsync("sync");
        // Messages are handled one at a time; 200 outrun the refill (5 a second) however slow the machine is.
        for (var i = 0; i < 200; i++) await socket.SendAsync("""{"type":"sync"}""");
        Assert.Contains("slow down", (string)(await socket.NextAsync("error"))["data"]!["message"]!);
    }

    [Fact]
    public async Task After_the_backplane_lost_updates_the_socket_gets_a_fresh_sync()
    {
        var (roomId, ownerToken) = await _rooms.StartAsync();
        await using var socket = await PartyClient.ConnectAsync(cluster.A, roomId, ownerToken);
        await socket.NextAsync("sync");
        var feed = cluster.A.Services.GetRequiredService<ILiveFeed>();
        await feed.PublishAsync(LiveUpdate.Resync(RoomTopics.Feed(cluster.Cloud.Tenant.Id, Guid.Parse(roomId))));
        Assert.Equal(roomId, (string)(await socket.NextAsync("sync"))["state"]!["id"]!);
    }
}
