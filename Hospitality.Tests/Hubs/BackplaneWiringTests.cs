using Hospitality.Hubs.Backplane;
using Hospitality.Hubs.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hospitality.Tests.Hubs;

/// <summary>AddHospitalityBackplane picks Redis or in-process from configuration, and a wired pair of servers talks.</summary>
public sealed class BackplaneWiringTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, bool signalRFirst = true)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        // What the generic host provides and SignalR's connection manager needs.
        services.AddSingleton<IHostApplicationLifetime, Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>();
        if (signalRFirst)
        {
            services.AddSignalR();
        }

        services.AddHospitalityBackplane(configuration);
        if (!signalRFirst)
        {
            services.AddSignalR();
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static Dictionary<string, string?> RedisSettings(string prefix) => new()
    {
        ["ConnectionStrings:Redis"] = TestRedis.ConnectionString,
        ["Backplane:ChannelPrefix"] = prefix,
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task With_a_redis_connection_string_the_redis_backplane_is_registered_before_or_after_AddSignalR(bool signalRFirst)
    {
        await using var services = Build(RedisSettings("wiring"), signalRFirst);

        Assert.IsType<RedisHubLifetimeManager<VenueTestHub>>(services.GetRequiredService<HubLifetimeManager<VenueTestHub>>());
        Assert.IsType<RedisLiveFeed>(services.GetRequiredService<ILiveFeed>());
        Assert.Same(services.GetRequiredService<RedisBackplaneConnection>(), services.GetRequiredService<IBackplaneStatus>());
        Assert.Contains(services.GetServices<IHostedService>(), hosted => hosted is RedisLiveFeed);
        Assert.Contains(services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations, r => r.Name == "redis");
        Assert.Equal("wiring", services.GetRequiredService<IOptions<RedisBackplaneOptions>>().Value.ChannelPrefix);
    }

    [Fact]
    public async Task Without_a_redis_connection_string_everything_stays_in_process()
    {
        await using var services = Build([]);

        Assert.IsType<DefaultHubLifetimeManager<VenueTestHub>>(services.GetRequiredService<HubLifetimeManager<VenueTestHub>>());
        Assert.IsType<InProcessLiveFeed>(services.GetRequiredService<ILiveFeed>());
        Assert.True(services.GetRequiredService<IBackplaneStatus>().IsConnected);
    }

    [Fact]
    public async Task Two_wired_servers_deliver_hub_messages_and_live_updates_to_each_other()
    {
        var settings = RedisSettings(TestRedis.UniquePrefix());
        await using var serverA = Build(settings);
        await using var serverB = Build(settings);
        foreach (var hosted in serverA.GetServices<IHostedService>().Concat(serverB.GetServices<IHostedService>()))
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        await using var client = new FakeHubClient();
        await serverB.GetRequiredService<HubLifetimeManager<VenueTestHub>>().OnConnectedAsync(client.Connection);
        var subscriber = new LiveProbe();
        using var subscription = serverB.GetRequiredService<ILiveFeed>().Subscribe("venue/v1", subscriber.Handle);

        await serverA.GetRequiredService<IHubContext<VenueTestHub>>().Clients.All.SendAsync("Announce", "open");
        await serverA.GetRequiredService<ILiveFeed>().PublishAsync(new LiveUpdate("venue/v1", "opened", null, 1, null));

        Assert.Equal("Announce", (await client.ReadAsync()).Target);
        Assert.Equal("opened", (await subscriber.NextAsync()).Kind);
    }
}
