using Hospitality.Hubs.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hospitality.Hubs.Backplane;

/// <summary>
/// The one place that chooses how hub messages and live updates cross servers. This is the seam where
/// Microsoft.AspNetCore.SignalR.StackExchangeRedis could replace our lifetime manager once the feed has it.
/// </summary>
public static class BackplaneServiceCollectionExtensions
{
    /// <summary>
    /// With <c>ConnectionStrings:Redis</c> set: the Redis hub lifetime manager, the Redis live feed, an
    /// <see cref="IBackplaneStatus"/> with restore notifications and a "redis" health check (tag "ready").
    /// Without it: SignalR's in-process default and the in-process live feed (single server only).
    /// Options come from the <c>Backplane</c> section (e.g. <c>Backplane:ChannelPrefix</c>), then <paramref name="configure"/>.
    /// Works whether it is called before or after <c>AddSignalR()</c>.
    /// </summary>
    public static IServiceCollection AddHospitalityBackplane(
        this IServiceCollection services, IConfiguration configuration, Action<RedisBackplaneOptions>? configure = null)
    {
        services.AddOptions();
        var connectionString = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            services.TryAddSingleton<IBackplaneStatus, InProcessBackplaneStatus>();
            services.TryAddSingleton<ILiveFeed, InProcessLiveFeed>();
            return services;
        }

        services.Configure<RedisBackplaneOptions>(options =>
        {
            options.ConnectionString = connectionString;
            configuration.GetSection("Backplane").Bind(options);
            configure?.Invoke(options);
        });
        services.TryAddSingleton<RedisBackplaneConnection>();
        services.TryAddSingleton<IBackplaneStatus>(sp => sp.GetRequiredService<RedisBackplaneConnection>());
        // Not TryAdd: AddSignalR() TryAdds the default manager, so the last plain registration must be ours.
        services.AddSingleton(typeof(HubLifetimeManager<>), typeof(RedisHubLifetimeManager<>));
        services.TryAddSingleton<RedisLiveFeed>();
        services.TryAddSingleton<ILiveFeed>(sp => sp.GetRequiredService<RedisLiveFeed>());
        // Subscribes at startup, so a component's first Subscribe is live at once.
        services.AddHostedService(sp => sp.GetRequiredService<RedisLiveFeed>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return services;
    }
}
