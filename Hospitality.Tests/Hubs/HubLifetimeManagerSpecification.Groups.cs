namespace Hospitality.Tests.Hubs;

// Groups: membership on either server, sends to one, several or all-but-some members.
public abstract partial class HubLifetimeManagerSpecification
{
    [Fact]
    public async Task Send_to_group_reaches_members_on_both_servers_and_not_others()
    {
        var memberOnA = await ConnectAsync(A);
        var memberOnB = await ConnectAsync(B);
        var outsider = await ConnectAsync(B);
        await A.AddToGroupAsync(memberOnA.Id, "table-4");
        await B.AddToGroupAsync(memberOnB.Id, "table-4");

        await A.SendGroupAsync("table-4", "OrderReady", ["pizza"]);

        await AssertReceivedAsync(memberOnA, "OrderReady", "pizza");
        await AssertReceivedAsync(memberOnB, "OrderReady", "pizza");
        await outsider.AssertNothingReceivedAsync();
    }

    [Fact]
    public async Task Send_to_groups_reaches_the_members_of_each_group()
    {
        var kitchen = await ConnectAsync(A);
        var bar = await ConnectAsync(B);
        var floor = await ConnectAsync(B);
        await A.AddToGroupAsync(kitchen.Id, "kitchen");
        await B.AddToGroupAsync(bar.Id, "bar");
        await B.AddToGroupAsync(floor.Id, "floor");

        await B.SendGroupsAsync(["kitchen", "bar"], "Rush", ["now"]);

        await AssertReceivedAsync(kitchen, "Rush", "now");
        await AssertReceivedAsync(bar, "Rush", "now");
        await floor.AssertNothingReceivedAsync();
    }

    [Fact]
    public async Task Send_to_group_except_skips_the_excluded_member()
    {
        var sender = await ConnectAsync(A);
        var other = await ConnectAsync(B);
        await A.AddToGroupAsync(sender.Id, "circle-7");
        await B.AddToGroupAsync(other.Id, "circle-7");

        await A.SendGroupExceptAsync("circle-7", "ItemAdded", ["fries"], [sender.Id]);

        await AssertReceivedAsync(other, "ItemAdded", "fries");
        await sender.AssertNothingReceivedAsync();
    }

    [Fact]
    public async Task Adding_a_connection_of_the_other_server_to_a_group_completes_once_it_receives_group_sends()
    {
        var onB = await ConnectAsync(B);

        await A.AddToGroupAsync(onB.Id, "table-9");
        await A.SendGroupAsync("table-9", "OrderReady", ["soup"]);

        await AssertReceivedAsync(onB, "OrderReady", "soup");
    }

    [Fact]
    public async Task Removing_a_connection_of_the_other_server_from_a_group_stops_its_group_messages()
    {
        var leaving = await ConnectAsync(B);
        var staying = await ConnectAsync(B);
        await B.AddToGroupAsync(leaving.Id, "table-2");
        await B.AddToGroupAsync(staying.Id, "table-2");

        await A.RemoveFromGroupAsync(leaving.Id, "table-2");
        await A.SendGroupAsync("table-2", "OrderReady", ["salad"]);

        await AssertReceivedAsync(staying, "OrderReady", "salad");
        await leaving.AssertNothingReceivedAsync();
    }

    [Fact]
    public async Task Adding_to_a_group_twice_delivers_group_messages_once()
    {
        var member = await ConnectAsync(B);
        await B.AddToGroupAsync(member.Id, "bar");
        await A.AddToGroupAsync(member.Id, "bar");

        await A.SendGroupAsync("bar", "Rush", ["one"]);
        await A.SendGroupAsync("bar", "Rush", ["two"]);

        await AssertReceivedAsync(member, "Rush", "one");
        await AssertReceivedAsync(member, "Rush", "two");
    }

    [Fact]
    public async Task Fifty_connections_joining_a_group_at_once_from_the_other_server_all_receive_group_sends()
    {
        var members = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => ConnectAsync(B)));

        await Task.WhenAll(members.Select(m => A.AddToGroupAsync(m.Id, "rush-hour")));
        await A.SendGroupAsync("rush-hour", "Rush", ["now"]);

        foreach (var member in members)
        {
            await AssertReceivedAsync(member, "Rush", "now");
        }
    }

    [Fact]
    public async Task A_disconnected_connection_leaves_its_groups_and_receives_nothing_more()
    {
        var leaving = await ConnectAsync(B, userId: "ann");
        var staying = await ConnectAsync(B);
        await B.AddToGroupAsync(leaving.Id, "table-5");
        await B.AddToGroupAsync(staying.Id, "table-5");

        await B.OnDisconnectedAsync(leaving.Connection);
        await A.SendGroupAsync("table-5", "OrderReady", ["tea"]);
        await A.SendUserAsync("ann", "Refill", ["tea"]);
        await A.SendConnectionAsync(leaving.Id, "Ping", ["tea"]);
        await A.SendAllAsync("Announce", ["tea"]);

        await AssertReceivedAsync(staying, "OrderReady", "tea");
        await AssertReceivedAsync(staying, "Announce", "tea");
        await leaving.AssertNothingReceivedAsync();
    }

    [Fact]
    public async Task Sending_to_or_grouping_an_unknown_connection_is_a_no_op()
    {
        var bystander = await ConnectAsync(B);

        await A.SendConnectionAsync("no-such-connection", "Ping", ["x"]);
        await A.AddToGroupAsync("no-such-connection", "table-1");
        await A.RemoveFromGroupAsync("no-such-connection", "table-1");
        await A.SendGroupAsync("table-1", "OrderReady", ["x"]);

        await bystander.AssertNothingReceivedAsync();
    }
}
