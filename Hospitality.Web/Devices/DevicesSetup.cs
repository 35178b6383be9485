using Hospitality.Domain.Devices;
using Hospitality.Domain.Tenancy;
using Hospitality.Hubs.Devices;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;

namespace Hospitality.Web.Devices;

/// <summary>The coffee machine fleet at the edge: device tokens, the heartbeat check, the fleet sweep, the API and <c>/hubs/devices</c>.</summary>
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
        string[] callers = [.. HospitalityClaims.StaffRoles, HospitalityClaims.DisplayRole, DeviceTokenAuthenticationHandler.DeviceRole];
        services.AddAuthorizationBuilder().AddPolicy(HubPolicy, p => p
            .AddAuthenticationSchemes(Staff.StaffSetup.StaffOrDisplayScheme, DeviceTokenAuthenticationHandler.SchemeName).RequireRole(callers));
        services.Configure<Hospitality.Domain.RemoteCommands.CommandTiming>(configuration.GetSection(Hospitality.Domain.RemoteCommands.CommandTiming.Section));
        services.AddHostedService<CommandDispatcher>();
        services.AddHostedService<FleetSweeper>();
        services.AddSingleton<Metrics.IMetricsSource, DeviceMetrics>();
        return services;
    }

    /// <summary>Dashboards (staff or display tokens) and machines (device tokens) share <c>/hubs/devices</c>.</summary>
    public const string HubPolicy = "DevicesHub";

    public static WebApplication MapDeviceFleet(this WebApplication app)
    {
        app.MapDevicesApi();
        app.MapCommandsApi();
        app.MapHub<DevicesHub>("/hubs/devices", o => o.CloseOnAuthenticationExpiration = true).RequireAuthorization(HubPolicy);
        return app;
    }
}
