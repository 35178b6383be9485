using Hospitality.Hubs.Backplane;
using Hospitality.Hubs.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hospitality.Tests.Hubs;

/// <summary>The live-feed specification against two Redis feeds ("two servers") sharing one Redis.</summary>
public sealed class RedisLiveFeedTests : LiveFeedSpecification
{
    private readonly List<RedisBackplaneConnection> _redis = [];
    private readonly List<RedisLiveFeed> _feeds = [];

    protected override async Task<(ILiveFeed A, ILiveFeed B)> CreateServersAsync()
    {
        var prefix = TestRedis.UniquePrefix();
        return (await StartServerAsync(prefix), await StartServerAsync(prefix));
    }

    private async Task<ILiveFeed> StartServerAsync(string prefix)
    {
        var redis = TestRedis.Connect(prefix);
        _redis.Add(redis);
        var feed = new RedisLiveFeed(redis, NullLogger<RedisLiveFeed>.Instance);
        _feeds.Add(feed);
        // What the host does at startup (IHostedService), so the first Subscribe is live at once.
        await feed.StartAsync(CancellationToken.None);
        return feed;
    }

    public override async Task DisposeAsync()
    {
        foreach (var feed in _feeds)
        {
            await feed.DisposeAsync();
        }

        foreach (var redis in _redis)
        {
            await redis.DisposeAsync();
        }
    }
}
