using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;

namespace Hospitality.Tests.GroupOrders;

/// <summary>
/// <c>/hubs/group-orders</c> through the real hosts: two servers, PostgreSQL and the Redis backplane, guests signed in with
/// their personal invite links.
/// </summary>
public class GroupOrdersHubTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    private readonly Rooms _rooms = new(cluster);

    [Fact]
    public async Task Guests_on_two_servers_build_an_order_together_see_each_change_and_the_owner_sends_it_to_the_orders_board()
    {
        var tea = await _rooms.DishAsync("Mint tea", "4.50");
        var mezze = await _rooms.DishAsync("Mezze", "12.00");
        var (roomId, ownerToken) = await _rooms.StartAsync();
        await using var layla = await Rooms.JoinAsync(cluster.A, ownerToken);
        await using var omar = await Rooms.JoinAsync(cluster.B, await _rooms.InviteAsync(roomId, "Omar"));

        var added = await omar.InvokeAsync("add_item", Guid.Parse(mezze), 2, Guid.NewGuid());
        Assert.Equal("24.00", (string)Rooms.Items(added!).Single()["total"]!);
        var seen = (await layla.NextPushAsync("item_added"))[0]!;
        Assert.Equal(cluster.Guest("Omar"), (string)seen["participantId"]!);
        Assert.Equal("Omar F.", (string)seen["data"]!["item"]!["addedByName"]!);
        Assert.Equal("24.00", (string)seen["state"]!["total"]!);

        await layla.InvokeAsync("add_item", Guid.Parse(tea), 1, Guid.NewGuid());
        var split = await layla.InvokeAsync("update_split", "equal", null);
        Assert.Equal("14.25", Rooms.Share(split!, cluster.Guest("Layla")));
        Assert.Equal("14.25", Rooms.Share(split!, cluster.Guest("Omar")));
        Assert.Equal("equal", (string)(await omar.NextPushAsync("split_updated"))[0]!["data"]!["split"]!["kind"]!);

        var sent = await layla.InvokeAsync("finalize", false);
        Assert.True((bool)sent!["finalized"]!);
        var finalized = (await omar.NextPushAsync("order_finalized"))[0]!;
        var orderId = (string)finalized["data"]!["orderIds"]![0]!;
        var staff = await cluster.B.StaffAsync(cluster.CloudStaff);
        var board = (await staff.GetFromJsonAsync<JsonArray>($"/api/orders?locationId={cluster.Bar}"))!;
        var order = board.Single(o => (string)o!["id"]! == orderId)!;
        Assert.Equal("T7", (string)order["table"]!);
        Assert.Equal(2, order["lines"]!.AsArray().Count);
        Assert.Equal(cluster.Guest("Layla"), (string)order["customerId"]!);
        var omarsHistory = (await staff.GetFromJsonAsync<JsonArray>($"/api/customers/{cluster.Guest("Omar")}/orders"))!;
        Assert.Contains(omarsHistory, o => (string)o!["id"]! == orderId);   // the group order is in the history of all who added to it

        var again = await Assert.ThrowsAsync<HubCallFailed>(() => omar.InvokeAsync("add_item", Guid.Parse(tea), 1, Guid.NewGuid()));
        Assert.Contains("sent already", again.Message);
        await layla.InvokeAsync("finalize", false);   // the owner's retry of a sent order changes nothing
        Assert.Single((await staff.GetFromJsonAsync<JsonArray>($"/api/orders?locationId={cluster.Bar}"))!, o => (string)o!["id"]! == orderId);
    }

    [Fact]
    public async Task Service_charge_tax_and_tip_are_in_every_share_before_sending_and_the_order_charges_exactly_the_rooms_total()
    {
        var manager = await cluster.A.StaffAsync(cluster.CloudManager);
        var charges = await manager.PutAsJsonAsync($"/api/locations/{cluster.Terrace}/charges",
            new { taxRate = "8.25", serviceChargeRate = "18", serviceChargeDineInOnly = true });
        Assert.Equal(HttpStatusCode.OK, charges.StatusCode);
        var mezze = Guid.Parse(await _rooms.DishAsync("Mezze", "14.00", cluster.Terrace));
        var (roomId, ownerToken) = await _rooms.StartAsync(locationId: cluster.Terrace);
        await using var layla = await Rooms.JoinAsync(cluster.A, ownerToken);
        await using var omar = await Rooms.JoinAsync(cluster.B, await _rooms.InviteAsync(roomId, "Omar"));
        await omar.InvokeAsync("add_item", mezze, 1, Guid.NewGuid());
        await layla.InvokeAsync("add_item", mezze, 2, Guid.NewGuid());
        await layla.InvokeAsync("set_tip", "5.00");
        var room = (await layla.InvokeAsync("update_split", "equal", null))!;

        // 42.00 of food; 18% service = 7.56; 8.25% tax on 49.56 = 4.09 (4.0887 rounded); tip 5.00: 58.65 in all.
        Assert.Equal(["service_charge:7.56", "tax:4.09", "tip:5.00"], room["charges"]!.AsArray().Select(c => $"{c!["kind"]}:{c["amount"]}"));
        Assert.Equal("58.65", (string)room["total"]!);
        var shares = new[] { Rooms.Share(room, cluster.Guest("Layla")), Rooms.Share(room, cluster.Guest("Omar")) };
        Assert.Equal(["29.33", "29.32"], shares.Order().Reverse());   // to the cent, adding up to the total

        var sent = (await layla.InvokeAsync("finalize", false))!;
        var staff = await cluster.B.StaffAsync(cluster.CloudStaff);
        var order = (await staff.GetFromJsonAsync<JsonArray>($"/api/orders?locationId={cluster.Terrace}"))!
            .Single(o => (string)o!["id"]! == (string)sent["orderIds"]![0]!)!;
        Assert.Equal(5865, (long)order["totalMinor"]!);
        Assert.Equal(409, (long)order["taxMinor"]!);
        Assert.Equal(756, (long)order["serviceChargeMinor"]!);
        Assert.Equal(500, (long)order["tipMinor"]!);
    }

    [Fact]
    public async Task An_add_sent_twice_with_one_key_adds_one_line_and_a_retried_remove_is_no_error()
    {
        var tea = Guid.Parse(await _rooms.DishAsync("Mint tea", "4.50"));
        var (roomId, ownerToken) = await _rooms.StartAsync();
        await using var layla = await Rooms.JoinAsync(cluster.A, ownerToken);
        var key = Guid.NewGuid();
        await layla.InvokeAsync("add_item", tea, 1, key);
        await using var again = await Rooms.JoinAsync(cluster.B, ownerToken);   // the phone reconnected to the other server
        var room = await again.InvokeAsync("add_item", tea, 1, key);
        Assert.Single(Rooms.Items(room!));
        await again.InvokeAsync("remove_item", key);
        var removedTwice = await layla.InvokeAsync("remove_item", key);
        Assert.Empty(Rooms.Items(removedTwice!));
        var readded = await layla.InvokeAsync("add_item", tea, 1, key);   // a late retry of the first add does not bring it back
        Assert.Empty(Rooms.Items(readded!));
    }

    [Fact]
    public async Task A_phone_that_reconnects_gets_the_room_as_it_now_is()
    {
        var tea = Guid.Parse(await _rooms.DishAsync("Mint tea", "4.50"));
        var (roomId, ownerToken) = await _rooms.StartAsync();
        var omarToken = await _rooms.InviteAsync(roomId, "Omar");
        var omar = await Rooms.JoinAsync(cluster.B, omarToken);
        var before = await omar.InvokeAsync("sync");
        await omar.DisposeAsync();   // the phone locks

        await using var layla = await Rooms.JoinAsync(cluster.A, ownerToken);
        await layla.InvokeAsync("add_item", tea, 3, Guid.NewGuid());
        await layla.InvokeAsync("set_tip", "2.00");

        await using var back = await cluster.A.HubWithTokenAsync(Rooms.Hub, omarToken);
        var now = await back.InvokeAsync("sync");
        Assert.True((long)now!["version"]! > (long)before!["version"]!);
        Assert.Equal(3, (int)Rooms.Items(now).Single()["quantity"]!);
        Assert.Equal("15.50", (string)now["total"]!);
        Assert.Contains(now["people"]!.AsArray(), p => (string)p!["customerId"]! == cluster.Guest("Omar") && (bool)p["inRoom"]! && (bool)p["present"]!);
    }

    [Fact]
    public async Task Two_members_changing_one_line_at_once_both_land_or_one_is_told_never_lost_silently()
    {
        var tea = Guid.Parse(await _rooms.DishAsync("Mint tea", "4.50"));
        var (roomId, ownerToken) = await _rooms.StartAsync();
        await using var layla = await Rooms.JoinAsync(cluster.A, ownerToken);
        await using var omar = await Rooms.JoinAsync(cluster.B, await _rooms.InviteAsync(roomId, "Omar"));

        // Adds from both servers at once all land.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? layla : omar).InvokeAsync("add_item", tea, 1, Guid.NewGuid())));
        var room = await layla.InvokeAsync("sync");
        Assert.Equal(6, Rooms.Items(room!).Count());

        // The owner and Omar both change Omar's line from 1: one wins, the other is refused with a conflict naming the new quantity.
        var line = Rooms.Items(room!).First(i => (string)i["addedBy"]! == cluster.Guest("Omar"))["id"]!.GetValue<Guid>();
        var results = await Task.WhenAll(
            Attempt(() => layla.InvokeAsync("update_quantity", line, 2, 1)),
            Attempt(() => omar.InvokeAsync("update_quantity", line, 5, 1)));
        Assert.Single(results, r => r is null);
        var refusal = Assert.Single(results, r => r is not null)!;
        Assert.Contains("a moment ago", refusal);
        var final = Rooms.Items((await omar.InvokeAsync("sync"))!).Single(i => i["id"]!.GetValue<Guid>() == line);
        Assert.Contains((int)final["quantity"]!, new[] { 2, 5 });
    }

    private static async Task<string?> Attempt(Func<Task> call)
    {
        try { await call(); return null; }
        catch (HubCallFailed e) { return e.Message; }
    }

    [Fact]
    public async Task Bad_and_oversized_messages_are_refused_with_a_reason_and_change_nothing()
    {
        var tea = Guid.Parse(await _rooms.DishAsync("Mint tea", "4.50"));
        var (_, ownerToken) = await _rooms.StartAsync();
        await using var layla = await Rooms.JoinAsync(cluster.A, ownerToken);
        var version = (long)(await layla.InvokeAsync("sync"))!["version"]!;

        Assert.Contains("between 1 and 20", (await Assert.ThrowsAsync<HubCallFailed>(() => layla.InvokeAsync("add_item", tea, 500, Guid.NewGuid()))).Message);
        Assert.Contains("not on the menu", (await Assert.ThrowsAsync<HubCallFailed>(() => layla.InvokeAsync("add_item", Guid.NewGuid(), 1, Guid.NewGuid()))).Message);
        Assert.Contains("split type", (await Assert.ThrowsAsync<HubCallFailed>(() => layla.InvokeAsync("update_split", "whatever", null))).Message);
        Assert.Contains("tip is not valid", (await Assert.ThrowsAsync<HubCallFailed>(() => layla.InvokeAsync("set_tip", "-3"))).Message);
        Assert.Contains("not in this room", (await Assert.ThrowsAsync<HubCallFailed>(() =>
            layla.InvokeAsync("update_split", "custom", new Dictionary<string, string> { ["someone-else"] = "10.00" }))).Message);
        Assert.Contains("'dishId' must be a UUID", (await Assert.ThrowsAsync<HubCallFailed>(() => layla.InvokeAsync("add_item", "not-a-guid", 1, Guid.NewGuid()))).Message);
        Assert.Contains("'quantity' must be a whole number", (await Assert.ThrowsAsync<HubCallFailed>(() => layla.InvokeAsync("add_item", tea, "two", Guid.NewGuid()))).Message);
        Assert.Contains("not the empty one", (await Assert.ThrowsAsync<HubCallFailed>(() => layla.InvokeAsync("add_item", tea, 1, Guid.Empty))).Message);
        Assert.Equal(version, (long)(await layla.InvokeAsync("sync"))!["version"]!);

        // An oversized message is refused with its size; one far over the limit closes the connection. The room is untouched.
        var big = await Assert.ThrowsAsync<HubCallFailed>(() => layla.InvokeAsync("update_split", "custom",
            new Dictionary<string, string> { [new string('x', 10_000)] = "1.00" }));
        Assert.Contains("too large", big.Message);
        await layla.SendRawAsync($$"""{"type":1,"invocationId":"huge","target":"set_tip","arguments":["{{new string('9', 100_000)}}"]}""");
        await layla.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        await using var back = await cluster.B.HubWithTokenAsync(Rooms.Hub, ownerToken);
        Assert.Equal(version, (long)(await back.InvokeAsync("sync"))!["version"]!);
    }

    [Fact]
    public async Task A_phone_flooding_the_room_is_slowed_down()
    {
        var (_, ownerToken) = await _rooms.StartAsync();
        await using var layla = await Rooms.JoinAsync(cluster.A, ownerToken);
        // Calls run one at a time per connection; 200 of them outrun the refill (5 a second) however slow the machine is.
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Attempt(() => layla.InvokeAsync("sync"))));
        Assert.Contains(results, r => r?.Contains("slow down") == true);
        Assert.Contains(results, r => r is null);
    }

    [Fact]
    public async Task Non_members_forged_and_revoked_links_and_other_tenants_are_refused()
    {
        var (roomId, ownerToken) = await _rooms.StartAsync();
        var staff = await cluster.A.StaffAsync(cluster.CloudStaff);

        // Marcus is a guest of the business but not of this circle: no link can be issued for him.
        var stranger = await staff.PostAsJsonAsync($"/api/rooms/{roomId}/invites", new { customerId = cluster.Guest("Marcus") });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Contains("members of the circle", await stranger.Content.ReadAsStringAsync());

        // A link changed by one character does not sign in.
        var forged = ownerToken[..^3] + (ownerToken[^3] == 'A' ? "B" : "A") + ownerToken[^2..];
        Assert.Contains("401", (await Assert.ThrowsAnyAsync<Exception>(() => cluster.A.HubWithTokenAsync(Rooms.Hub, forged))).Message);

        // A revoked link stops working on the very next call, on either server.
        var omarToken = await _rooms.InviteAsync(roomId, "Omar");
        await using var omar = await Rooms.JoinAsync(cluster.B, omarToken);
        var room = (await staff.GetFromJsonAsync<JsonObject>($"/api/rooms/{roomId}"))!;
        var omarsInvite = (string)room["invites"]!.AsArray().Last(i => (string)i!["customerId"]! == cluster.Guest("Omar"))!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await staff.DeleteAsync($"/api/rooms/{roomId}/invites/{omarsInvite}")).StatusCode);
        await omar.Closed.WaitAsync(TimeSpan.FromSeconds(10));   // the connection stops listening at once
        await using var omarAgain = await cluster.B.HubWithTokenAsync(Rooms.Hub, omarToken);
        Assert.Contains("revoked", await omarAgain.Closed.WaitAsync(TimeSpan.FromSeconds(10)));   // and the link cannot connect again

        // A member removed from the circle is out of its rooms at once.
        var jadeToken = await _rooms.InviteAsync(roomId, "Jade");
        await using var jade = await Rooms.JoinAsync(cluster.A, jadeToken);
        Assert.Equal(HttpStatusCode.OK, (await staff.DeleteAsync($"/api/circles/{room["circleId"]}/members/{cluster.Guest("Jade")}")).StatusCode);
        var closing = (await jade.NextPushAsync("room_closed"))[0]!;   // told why and closed at once, whichever server it is on
        Assert.Contains("no longer a member", (string)closing["data"]!["message"]!);
        await jade.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        await using var jadeAgain = await cluster.B.HubWithTokenAsync(Rooms.Hub, jadeToken);
        Assert.Contains("Only members", await jadeAgain.Closed.WaitAsync(TimeSpan.FromSeconds(10)) ?? "");

        // Another tenant's staff cannot see the room or issue links to it.
        var rival = await cluster.A.StaffAsync(cluster.RivalStaff);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.GetAsync($"/api/rooms/{roomId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.PostAsJsonAsync($"/api/rooms/{roomId}/invites", new { customerId = cluster.Guest("Omar") })).StatusCode);
    }
}
