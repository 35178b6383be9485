using Hospitality.Domain.Tenancy;
using Hospitality.Hubs.GroupOrders;
using Microsoft.AspNetCore.Authentication;

namespace Hospitality.Web.GroupOrders;

/// <summary>Group-order rooms at the edge: invite links, the guests' scheme, the hub with its limits, the seed's socket, and the room's pushes.</summary>
public static class GroupOrdersSetup
{
    public static IServiceCollection AddGroupOrderRooms(this IServiceCollection services)
    {
        services.AddSingleton<RoomInviteLinks>();
        services.AddSingleton<RoomPublisher>();
        services.AddSingleton<RoomPresenceTracker>();
        services.AddHostedService(sp => sp.GetRequiredService<RoomPresenceTracker>());
        services.AddSingleton<RoomHubFilter>();
        services.AddScoped<PartyActions>();
        services.AddSignalR().AddHubOptions<GroupOrdersHub>(o =>
        {
            o.MaximumReceiveMessageSize = RoomHubFilter.MaxTransportBytes;
            Microsoft.AspNetCore.SignalR.HubOptionsExtensions.AddFilter<RoomHubFilter>(o);
        });
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, RoomInviteAuthenticationHandler>(RoomInviteAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(Policies.RoomGuests, p => p
            .AddAuthenticationSchemes(RoomInviteAuthenticationHandler.SchemeName).RequireRole(RoomInviteLinks.GuestRole));
        return services;
    }

    public static WebApplication MapGroupOrderRooms(this WebApplication app)
    {
        app.MapHub<GroupOrdersHub>("/hubs/group-orders").RequireAuthorization(Policies.RoomGuests);
        app.MapPartySocket();
        app.MapRoomsApi();
        return app;
    }
}
