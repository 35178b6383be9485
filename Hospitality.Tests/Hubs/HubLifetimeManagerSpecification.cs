using Microsoft.AspNetCore.SignalR;

namespace Hospitality.Tests.Hubs;

/// <summary>A hub type for the specification; the managers never call into it.</summary>
public sealed class VenueTestHub : Hub;

/// <summary>A plain DTO argument, to check every server writes it the way a local send would.</summary>
public sealed record TableCall(string TableName, int Guests);

/// <summary>
/// What every <see cref="HubLifetimeManager{THub}"/> of ours must do, modelled on aspnetcore's
/// ScaleoutHubLifetimeManagerTests. Each test runs on two "servers" that share a backplane; an in-process
/// implementation passes the same instance twice, so the suite describes a single server too.
/// </summary>
public abstract class HubLifetimeManagerSpecification : IAsyncLifetime
{
    private readonly List<FakeHubClient> _clients = [];

    protected HubLifetimeManager<VenueTestHub> A { get; private set; } = null!;

    protected HubLifetimeManager<VenueTestHub> B { get; private set; } = null!;

    protected abstract Task<(HubLifetimeManager<VenueTestHub> A, HubLifetimeManager<VenueTestHub> B)> CreateServersAsync();

    public virtual async Task InitializeAsync() => (A, B) = await CreateServersAsync();

    public virtual async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
    }

    protected async Task<FakeHubClient> ConnectAsync(HubLifetimeManager<VenueTestHub> server, string? userId = null)
    {
        var client = new FakeHubClient(userId);
        lock (_clients)
        {
            _clients.Add(client);
        }

        await server.OnConnectedAsync(client.Connection);
        return client;
    }

    private static async Task AssertReceivedAsync(FakeHubClient client, string target, string argument)
    {
        var received = await client.ReadAsync();
        Assert.Equal(target, received.Target);
        Assert.Equal(argument, Assert.Single(received.Arguments).GetString());
    }

    [Fact]
    public async Task Send_to_all_reaches_connections_on_both_servers()
    {
        var onA = await ConnectAsync(A);
        var onB = await ConnectAsync(B);

        await A.SendAllAsync("Announce", ["kitchen closes at 22:00"]);

        await AssertReceivedAsync(onA, "Announce", "kitchen closes at 22:00");
        await AssertReceivedAsync(onB, "Announce", "kitchen closes at 22:00");
    }

    [Fact]
    public async Task Send_to_all_except_skips_only_the_excluded_connections()
    {
        var excludedOnA = await ConnectAsync(A);
        var includedOnA = await ConnectAsync(A);
        var excludedOnB = await ConnectAsync(B);
        var includedOnB = await ConnectAsync(B);

        await B.SendAllExceptAsync("Announce", ["last call"], [excludedOnA.Id, excludedOnB.Id]);

        await AssertReceivedAsync(includedOnA, "Announce", "last call");
        await AssertReceivedAsync(includedOnB, "Announce", "last call");
        await excludedOnA.AssertNothingReceivedAsync();
        await excludedOnB.AssertNothingReceivedAsync();
    }

    [Fact]
    public async Task Send_to_connection_reaches_it_from_either_server_and_no_one_else()
    {
        var target = await ConnectAsync(B);
        var bystander = await ConnectAsync(B);

        await A.SendConnectionAsync(target.Id, "Ping", ["from A"]);
        await B.SendConnectionAsync(target.Id, "Ping", ["from B"]);

        // Two senders, so no order between them: Redis carries A's send, B writes its own connection directly.
        var received = new[] { await target.ReadAsync(), await target.ReadAsync() };
        Assert.Equal(["from A", "from B"], received.Select(r => r.Arguments.Single().GetString()).Order());
        await bystander.AssertNothingReceivedAsync();
    }

    [Fact]
    public async Task Send_to_connections_reaches_each_listed_connection_wherever_it_lives()
    {
        var onA = await ConnectAsync(A);
        var onB = await ConnectAsync(B);
        var unlisted = await ConnectAsync(B);

        await A.SendConnectionsAsync([onA.Id, onB.Id], "Ping", ["both"]);

        await AssertReceivedAsync(onA, "Ping", "both");
        await AssertReceivedAsync(onB, "Ping", "both");
        await unlisted.AssertNothingReceivedAsync();
    }

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
    public async Task Send_to_user_reaches_every_connection_of_that_user_on_both_servers()
    {
        var phone = await ConnectAsync(A, userId: "ann");
        var kiosk = await ConnectAsync(B, userId: "ann");
        var otherUser = await ConnectAsync(B, userId: "bob");

        await B.SendUserAsync("ann", "Refill", ["coffee"]);

        await AssertReceivedAsync(phone, "Refill", "coffee");
        await AssertReceivedAsync(kiosk, "Refill", "coffee");
        await otherUser.AssertNothingReceivedAsync();
    }

    [Fact]
    public async Task Send_to_users_reaches_each_listed_user()
    {
        var ann = await ConnectAsync(A, userId: "ann");
        var bob = await ConnectAsync(B, userId: "bob");
        var cid = await ConnectAsync(B, userId: "cid");

        await A.SendUsersAsync(["ann", "bob"], "Refill", ["water"]);

        await AssertReceivedAsync(ann, "Refill", "water");
        await AssertReceivedAsync(bob, "Refill", "water");
        await cid.AssertNothingReceivedAsync();
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

    [Fact]
    public async Task A_dto_argument_reaches_the_client_as_the_hub_protocol_writes_it()
    {
        var onB = await ConnectAsync(B);

        await A.SendAllAsync("Seated", [new TableCall("T4", 3), 42, null]);

        var received = await onB.ReadAsync();
        Assert.Equal("Seated", received.Target);
        Assert.Equal("""{"tableName":"T4","guests":3}""", received.Arguments[0].GetRawText());
        Assert.Equal(42, received.Arguments[1].GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, received.Arguments[2].ValueKind);
    }

    [Fact]
    public async Task Messages_to_one_connection_arrive_in_send_order()
    {
        var onB = await ConnectAsync(B);

        for (var i = 0; i < 100; i++)
        {
            await A.SendAllAsync("Tick", [i.ToString()]);
        }

        for (var i = 0; i < 100; i++)
        {
            await AssertReceivedAsync(onB, "Tick", i.ToString());
        }
    }

    [Fact]
    public async Task A_client_result_from_a_connection_on_the_other_server_reaches_the_caller_typed()
    {
        var onB = await ConnectAsync(B);

        var call = A.InvokeConnectionAsync<TableCall>(onB.Id, "WhichTable", ["ann"], CancellationToken.None);
        var invocation = await onB.ReadAsync();
        await onB.AnswerAsync(B, invocation.InvocationId!, """ "result":{"tableName":"T4","guests":3} """);

        Assert.Equal("WhichTable", invocation.Target);
        Assert.Equal(new TableCall("T4", 3), await call.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_client_error_reaches_the_caller_as_a_hub_exception()
    {
        var onB = await ConnectAsync(B);

        var call = A.InvokeConnectionAsync<int>(onB.Id, "HowManyGuests", [], CancellationToken.None);
        var invocation = await onB.ReadAsync();
        await onB.AnswerAsync(B, invocation.InvocationId!, """ "error":"kiosk is offline" """);

        var error = await Assert.ThrowsAsync<HubException>(() => call.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Contains("kiosk is offline", error.Message);
    }

    [Fact]
    public async Task A_client_result_from_an_unknown_connection_throws_instead_of_waiting_forever()
    {
        await ConnectAsync(B);

        await Assert.ThrowsAsync<IOException>(
            () => A.InvokeConnectionAsync<int>("no-such-connection", "HowManyGuests", [], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
