using Hospitality.Hubs.Backplane;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hospitality.Tests.Hubs;

/// <summary>
/// The specification against our Redis manager: two managers with their own Redis connections ("two servers")
/// share one Redis under a channel prefix no other test uses.
/// </summary>
public sealed class RedisHubLifetimeManagerTests : HubLifetimeManagerSpecification
{
    private readonly List<RedisBackplaneConnection> _redis = [];
    private string _prefix = "";

    protected override Task<(HubLifetimeManager<VenueTestHub> A, HubLifetimeManager<VenueTestHub> B)> CreateServersAsync()
    {
        _prefix = TestRedis.UniquePrefix();
        return Task.FromResult((Server(_prefix), Server(_prefix)));
    }

    private HubLifetimeManager<VenueTestHub> Server(string prefix)
    {
        var redis = TestRedis.Connect(prefix);
        _redis.Add(redis);
        return new RedisHubLifetimeManager<VenueTestHub>(
            redis, Options.Create(new JsonHubProtocolOptions()), NullLogger<RedisHubLifetimeManager<VenueTestHub>>.Instance);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var redis in _redis)
        {
            await redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_group_add_for_the_other_server_returns_on_its_ack_well_before_the_timeout()
    {
        // A long timeout of its own, so a busy machine cannot blur "acked" and "timed out".
        var prefix = TestRedis.UniquePrefix();
        var (serverA, serverB) = (ServerWithAckTimeout(prefix, TimeSpan.FromSeconds(10)), ServerWithAckTimeout(prefix, TimeSpan.FromSeconds(10)));
        await using var onB = new FakeHubClient();
        await serverB.OnConnectedAsync(onB.Connection);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await serverA.AddToGroupAsync(onB.Id, "table-3");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}; the ack timeout is 10 s");
    }

    private RedisHubLifetimeManager<VenueTestHub> ServerWithAckTimeout(string prefix, TimeSpan ackTimeout)
    {
        var redis = TestRedis.Connect(prefix);
        redis.Options.GroupAckTimeout = ackTimeout;
        _redis.Add(redis);
        return new RedisHubLifetimeManager<VenueTestHub>(
            redis, Options.Create(new JsonHubProtocolOptions()), NullLogger<RedisHubLifetimeManager<VenueTestHub>>.Instance);
    }

    [Fact]
    public async Task A_group_add_no_server_acks_returns_after_the_ack_timeout_and_is_logged()
    {
        var log = new RecordingLogger<RedisHubLifetimeManager<VenueTestHub>>();
        var redis = TestRedis.Connect(TestRedis.UniquePrefix());
        _redis.Add(redis);
        var server = new RedisHubLifetimeManager<VenueTestHub>(redis, Options.Create(new JsonHubProtocolOptions()), log);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await server.AddToGroupAsync("gone-connection", "table-3");

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(3));
        Assert.True(log.Logged(5013), "the missing ack must be logged");
    }

    [Fact]
    public async Task A_client_result_waiting_on_a_connection_that_disconnects_fails()
    {
        var onB = await ConnectAsync(B);

        var call = A.InvokeConnectionAsync<int>(onB.Id, "HowManyGuests", [], CancellationToken.None);
        await onB.ReadAsync();
        await B.OnDisconnectedAsync(onB.Connection);

        var error = await Assert.ThrowsAsync<HubException>(() => call.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Contains("disconnected", error.Message);
    }

    [Fact]
    public async Task A_disconnect_unsubscribes_the_redis_channels_of_the_connection_its_user_and_its_last_groups()
    {
        var leaving = await ConnectAsync(B, userId: "ann");
        var staying = await ConnectAsync(B);
        await B.AddToGroupAsync(leaving.Id, "table-8");
        await B.AddToGroupAsync(leaving.Id, "table-9");
        await B.AddToGroupAsync(staying.Id, "table-9");
        var hub = $"{_prefix}:{typeof(VenueTestHub).FullName}";
        string[] leavingChannels = [$"{hub}:connection:{leaving.Id}", $"{hub}:user:ann", $"{hub}:group:table-8"];
        Assert.Subset((await SubscribedChannelsAsync()).ToHashSet(), leavingChannels.Append($"{hub}:group:table-9").ToHashSet());

        await B.OnDisconnectedAsync(leaving.Connection);

        var left = await SubscribedChannelsAsync();
        Assert.DoesNotContain(left, leavingChannels.Contains);
        Assert.Contains($"{hub}:group:table-9", left);
    }

    /// <summary>Asks Redis itself (PUBSUB CHANNELS) which of this test's channels anyone subscribes to.</summary>
    private async Task<string[]> SubscribedChannelsAsync()
    {
        var mux = await _redis[0].GetMultiplexerAsync();
        var server = mux.GetServer(mux.GetEndPoints()[0]);
        var channels = await server.SubscriptionChannelsAsync(new StackExchange.Redis.RedisChannel(_prefix + ":*", StackExchange.Redis.RedisChannel.PatternMode.Pattern));
        await Task.Yield();
        return channels.Select(c => (string)c!).ToArray();
    }
}
