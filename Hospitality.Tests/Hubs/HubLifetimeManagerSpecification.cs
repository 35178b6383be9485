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
public abstract partial class HubLifetimeManagerSpecification : IAsyncLifetime
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

    protected static async Task AssertReceivedAsync(FakeHubClient client, string target, string argument)
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
}
