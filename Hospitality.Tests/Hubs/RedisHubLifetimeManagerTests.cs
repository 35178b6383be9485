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

    protected override Task<(HubLifetimeManager<VenueTestHub> A, HubLifetimeManager<VenueTestHub> B)> CreateServersAsync()
    {
        var prefix = TestRedis.UniquePrefix();
        return Task.FromResult((Server(prefix), Server(prefix)));
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
    public async Task Client_results_are_refused_with_an_explanation()
    {
        var onA = await ConnectAsync(A);

        var refused = await Assert.ThrowsAsync<NotSupportedException>(
            () => A.InvokeConnectionAsync<int>(onA.Id, "HowMany", [], CancellationToken.None));
        Assert.Contains("not supported", refused.Message);
    }
}
