using Hospitality.Hubs.Backplane;
using Hospitality.Hubs.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hospitality.Tests.Hubs;

/// <summary>
/// StackExchange.Redis 1.2.6 can return from ConnectAsync before its subscription connection is up; a SUBSCRIBE
/// made then "completes" at once and is sent later, so the first message published after it was lost (about one
/// fresh connection in a hundred under a busy test run). The connection now proves delivery before it is used.
/// </summary>
public sealed class FreshConnectionDeliveryTests
{
    [Fact]
    public async Task A_server_that_just_connected_hears_the_first_update_published_after_it_subscribed()
    {
        // Many pairs at once: the window only opens when connecting competes for the CPU, as in a busy test run.
        const int Rounds = 8, PairsAtOnce = 40;
        var missed = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var heard = await Task.WhenAll(Enumerable.Range(0, PairsAtOnce).Select(_ => FirstUpdateHeardAsync()));
            missed += heard.Count(h => !h);
        }

        Assert.Equal(0, missed);
    }

    private static async Task<bool> FirstUpdateHeardAsync()
    {
        const string Topic = "tenant/t1/location/l1/sessions";
        var prefix = TestRedis.UniquePrefix();
        await using var redisA = TestRedis.Connect(prefix);
        await using var redisB = TestRedis.Connect(prefix);
        await using var a = new RedisLiveFeed(redisA, NullLogger<RedisLiveFeed>.Instance);
        await using var b = new RedisLiveFeed(redisB, NullLogger<RedisLiveFeed>.Instance);
        await a.StartAsync(CancellationToken.None);
        await b.StartAsync(CancellationToken.None);
        var probe = new LiveProbe();
        using var subscription = b.Subscribe(Topic, probe.Handle);

        await a.PublishAsync(new LiveUpdate(Topic, "card", Guid.NewGuid(), 1, "{}"));

        try
        {
            await probe.NextAsync(TimeSpan.FromSeconds(3));
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
