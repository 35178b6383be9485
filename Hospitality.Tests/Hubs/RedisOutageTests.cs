using System.Diagnostics;
using Hospitality.Hubs.Backplane;
using Hospitality.Hubs.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Hospitality.Tests.Hubs;

/// <summary>
/// Kills and restarts a private Redis under two "servers": during the outage sends and publishes are logged
/// and dropped without throwing; afterwards delivery resumes and live subscribers are told to resync.
/// </summary>
public sealed class RedisOutageTests(ITestOutputHelper output)
{
    private const string Topic = "tenant/t1/location/l1/sessions";
    private const int PublishFailedEventId = 5011;
    private const int LivePublishFailedEventId = 5101;

    [Fact]
    public async Task An_outage_drops_sends_without_throwing_then_delivery_resumes_and_subscribers_resync()
    {
        await using var redisServer = await PrivateRedisServer.StartAsync();
        var prefix = TestRedis.UniquePrefix();
        await using var redisA = TestRedis.Connect(prefix, redisServer.ConnectionString);
        await using var redisB = TestRedis.Connect(prefix, redisServer.ConnectionString);
        var managerLog = new RecordingLogger<RedisHubLifetimeManager<VenueTestHub>>();
        var feedLog = new RecordingLogger<RedisLiveFeed>();
        var managerA = new RedisHubLifetimeManager<VenueTestHub>(redisA, Options.Create(new JsonHubProtocolOptions()), managerLog);
        var managerB = new RedisHubLifetimeManager<VenueTestHub>(redisB, Options.Create(new JsonHubProtocolOptions()), managerLog);
        await using var feedA = new RedisLiveFeed(redisA, feedLog);
        await using var feedB = new RedisLiveFeed(redisB, NullLogger<RedisLiveFeed>.Instance);
        await feedA.StartAsync(CancellationToken.None);
        await feedB.StartAsync(CancellationToken.None);
        var restoredB = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        redisB.Restored += (_, _) => restoredB.TrySetResult();
        await using var client = new FakeHubClient();
        await managerB.OnConnectedAsync(client.Connection);
        var subscriber = new LiveProbe();
        using var subscription = feedB.Subscribe(Topic, subscriber.Handle);
        var health = new RedisHealthCheck(redisA);

        await managerA.SendAllAsync("Announce", ["before"]);
        await feedA.PublishAsync(Update(1));
        Assert.Equal("before", (await client.ReadAsync()).Arguments[0].GetString());
        Assert.Equal(1, (await subscriber.NextAsync()).StreamVersion);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(health)).Status);

        redisServer.Kill();
        await WaitUntilAsync(() => !redisA.IsConnected && !redisB.IsConnected, TimeSpan.FromSeconds(10));
        var outage = Stopwatch.StartNew();
        await managerA.SendAllAsync("Announce", ["lost"]);
        await managerA.SendConnectionAsync(client.Id, "Ping", ["lost"]);
        await managerA.AddToGroupAsync(client.Id, "table-4");
        await feedA.PublishAsync(Update(2));
        var droppedIn = outage.Elapsed;
        Assert.True(droppedIn < TimeSpan.FromSeconds(1), $"Sends during the outage took {droppedIn}; they should fail fast.");
        Assert.True(managerLog.Logged(PublishFailedEventId), "A dropped hub send must be logged.");
        Assert.True(feedLog.Logged(LivePublishFailedEventId), "A dropped live update must be logged.");
        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(health)).Status);
        await using var leavingClient = new FakeHubClient();
        await managerB.OnConnectedAsync(leavingClient.Connection);
        await managerB.OnDisconnectedAsync(leavingClient.Connection);
        await using var lateClient = new FakeHubClient();
        await managerB.OnConnectedAsync(lateClient.Connection);

        var restart = Stopwatch.StartNew();
        await redisServer.RestartAsync();
        var resync = await subscriber.NextResyncAsync(TimeSpan.FromSeconds(20));
        var resyncAfter = restart.Elapsed;
        await restoredB.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await WaitUntilAsync(() => redisA.IsConnected, TimeSpan.FromSeconds(20));
        output.WriteLine($"Sends dropped in {droppedIn.TotalMilliseconds:F0} ms; resync {resyncAfter.TotalMilliseconds:F0} ms after restart.");

        Assert.Equal(LiveUpdate.Resync(Topic), resync);
        await feedA.PublishAsync(Update(3));
        Assert.Equal(3, (await subscriber.NextAsync()).StreamVersion);
        Assert.Equal(TestRedis.ResyncMethod, (await client.ReadAsync()).Target);
        await managerA.SendAllAsync("Announce", ["after"]);
        Assert.Equal("after", (await client.ReadAsync()).Arguments[0].GetString());
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(health)).Status);
        // Subscribed during the outage: SE.Redis sent the SUBSCRIBE once Redis was back.
        Assert.Equal(TestRedis.ResyncMethod, (await lateClient.ReadAsync()).Target);
        await managerA.SendConnectionAsync(lateClient.Id, "Ping", ["late"]);
        Assert.Equal("after", (await lateClient.ReadAsync()).Arguments[0].GetString());
        Assert.Equal("late", (await lateClient.ReadAsync()).Arguments[0].GetString());
    }

    [Fact]
    public async Task A_server_started_while_redis_is_down_resyncs_and_delivers_once_redis_is_up()
    {
        var redisServer = await PrivateRedisServer.StartAsync();
        redisServer.Kill();
        await using var _ = redisServer;
        var prefix = TestRedis.UniquePrefix();
        await using var redisA = TestRedis.Connect(prefix, redisServer.ConnectionString);
        await using var feedA = new RedisLiveFeed(redisA, NullLogger<RedisLiveFeed>.Instance);
        var manager = new RedisHubLifetimeManager<VenueTestHub>(redisA, Options.Create(new JsonHubProtocolOptions()), NullLogger<RedisHubLifetimeManager<VenueTestHub>>.Instance);
        await using var client = new FakeHubClient();

        await feedA.StartAsync(CancellationToken.None);
        var subscriber = new LiveProbe();
        using var subscription = feedA.Subscribe(Topic, subscriber.Handle);
        await manager.OnConnectedAsync(client.Connection);
        await manager.AddToGroupAsync(client.Id, "table-4");
        await feedA.PublishAsync(Update(1));
        await manager.SendGroupAsync("table-4", "OrderReady", ["lost"]);
        Assert.False(redisA.IsConnected);

        await redisServer.RestartAsync();

        Assert.Equal(LiveUpdate.Resync(Topic), await subscriber.NextResyncAsync(TimeSpan.FromSeconds(20)));
        await feedA.PublishAsync(Update(2));
        Assert.Equal(2, (await subscriber.NextAsync()).StreamVersion);
        Assert.Equal(TestRedis.ResyncMethod, (await client.ReadAsync()).Target);
        await manager.SendGroupAsync("table-4", "OrderReady", ["soup"]);
        Assert.Equal("soup", (await client.ReadAsync()).Arguments[0].GetString());
    }

    private static LiveUpdate Update(long version) => new(Topic, "session-card", null, version, "{}");

    private static Task<HealthCheckResult> CheckAsync(RedisHealthCheck check) =>
        check.CheckHealthAsync(new HealthCheckContext { Registration = new HealthCheckRegistration("redis", check, HealthStatus.Unhealthy, null) });

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout}.");
            }

            await Task.Delay(50);
        }
    }
}
