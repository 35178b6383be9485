using Hospitality.Domain.Tenancy;
using Hospitality.Hubs.Devices;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;

namespace Hospitality.Web.Devices;

/// <summary>The coffee machine fleet at the edge: device tokens, the heartbeat check, the API and <c>/hubs/devices</c>.</summary>
public static class DevicesSetup
{
    public static IServiceCollection AddDeviceFleet(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DeviceOptions>(configuration.GetSection(DeviceOptions.Section));
        services.AddHostedService<DeviceHeartbeatMonitor>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, DeviceTokenAuthenticationHandler>(DeviceTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(Policies.Devices, p => p
            .AddAuthenticationSchemes(DeviceTokenAuthenticationHandler.SchemeName).RequireRole(DeviceTokenAuthenticationHandler.DeviceRole));
        services.Configure<RateLimiterOptions>(o => o.AddDeviceRateLimit());
        return services;
    }

    public static WebApplication MapDeviceFleet(this WebApplication app)
    {
        app.MapDevicesApi();
        app.MapHub<DevicesHub>("/hubs/devices", o => o.CloseOnAuthenticationExpiration = true).RequireAuthorization(Policies.LiveScreens);
        return app;
    }
}
