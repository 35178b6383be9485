using System.Diagnostics;
using Hospitality.Hubs.Backplane;
using Hospitality.Hubs.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Hospitality.Tests.Hubs;

/// <summary>
/// Volume across two Redis "servers": nothing lost, nothing reordered, within a generous bound. The measured
/// rates and latencies are written to the test output (run with --logger "console;verbosity=detailed").
/// </summary>
public sealed class BackplaneThroughputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Topic = "tenant/t1/location/l1/sessions";
    private readonly string _prefix = TestRedis.UniquePrefix();
    private RedisBackplaneConnection _redisA = null!;
    private RedisBackplaneConnection _redisB = null!;

    public Task InitializeAsync()
    {
        _redisA = TestRedis.Connect(_prefix);
        _redisB = TestRedis.Connect(_prefix);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _redisA.DisposeAsync();
        await _redisB.DisposeAsync();
    }

    [Fact]
    public async Task Ten_thousand_live_updates_arrive_on_the_other_server_complete_and_in_order()
    {
        await using var feedA = await StartedFeedAsync(_redisA);
        await using var feedB = await StartedFeedAsync(_redisB);
        var subscriber = new LiveProbe();
        using var subscription = feedB.Subscribe(Topic, subscriber.Handle);
        const int count = 10_000;

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(1, count).Select(v => feedA.PublishAsync(new LiveUpdate(Topic, "tick", null, v, null))));
        var published = clock.Elapsed;
        for (var version = 1; version <= count; version++)
        {
            Assert.Equal(version, (await subscriber.NextAsync()).StreamVersion);
        }

        var received = clock.Elapsed;
        output.WriteLine($"{count} live updates: published in {published.TotalMilliseconds:F0} ms, all received in order in {received.TotalMilliseconds:F0} ms ({count / received.TotalSeconds:F0}/s)");
        Assert.True(received < TimeSpan.FromSeconds(30), $"took {received}");
    }

    [Fact]
    public async Task A_hub_message_to_a_connection_on_the_other_server_round_trips_in_milliseconds()
    {
        var managerA = Manager(_redisA);
        var managerB = Manager(_redisB);
        await using var client = new FakeHubClient();
        await managerB.OnConnectedAsync(client.Connection);
        var latencies = new List<double>();

        for (var i = 0; i < 1000; i++)
        {
            var sent = Stopwatch.GetTimestamp();
            await managerA.SendConnectionAsync(client.Id, "Tick", [i]);
            Assert.Equal(i, (await client.ReadAsync()).Arguments[0].GetInt32());
            latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        }

        latencies.Sort();
        double At(double q) => latencies[(int)(q * (latencies.Count - 1))];
        output.WriteLine($"send-to-connection across servers, 1000 sequential: p50 {At(0.5):F3} ms, p95 {At(0.95):F3} ms, p99 {At(0.99):F3} ms, max {latencies[^1]:F3} ms");
        Assert.True(At(0.5) < 50, $"p50 {At(0.5)} ms");
    }

    [Fact]
    public async Task Five_thousand_broadcasts_reach_ten_connections_on_the_other_server_in_order()
    {
        var managerA = Manager(_redisA);
        var managerB = Manager(_redisB);
        var clients = new List<FakeHubClient>();
        for (var i = 0; i < 10; i++)
        {
            var client = new FakeHubClient();
            clients.Add(client);
            await managerB.OnConnectedAsync(client.Connection);
        }

        // Both servers serve clients, so both are connected before the burst (as after host start).
        await using var clientOnA = new FakeHubClient();
        await managerA.OnConnectedAsync(clientOnA.Connection);
        const int count = 5_000;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => managerA.SendAllAsync("Tick", [i])));
        foreach (var client in clients)
        {
            for (var i = 0; i < count; i++)
            {
                Assert.Equal(i, (await client.ReadAsync()).Arguments[0].GetInt32());
            }
        }

        output.WriteLine($"{count} broadcasts x 10 connections on the other server: {clock.Elapsed.TotalMilliseconds:F0} ms ({count * 10 / clock.Elapsed.TotalSeconds:F0} deliveries/s)");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    private static async Task<RedisLiveFeed> StartedFeedAsync(RedisBackplaneConnection redis)
    {
        var feed = new RedisLiveFeed(redis, NullLogger<RedisLiveFeed>.Instance);
        await feed.StartAsync(CancellationToken.None);
        return feed;
    }

    private static RedisHubLifetimeManager<VenueTestHub> Manager(RedisBackplaneConnection redis) =>
        new(redis, Options.Create(new JsonHubProtocolOptions()), NullLogger<RedisHubLifetimeManager<VenueTestHub>>.Instance);
}
