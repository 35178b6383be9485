using Hospitality.Domain;
using Hospitality.Domain.GroupOrders;
using Hospitality.Domain.Tenancy;
using Hospitality.Hubs.GroupOrders;
using MediatR;

namespace Hospitality.Web.GroupOrders;

/// <summary>
/// <c>/parties/collaborative_order/{roomId}</c>: seed 001's PartyKit room over a plain WebSocket, so a client written for the
/// seed's server works unchanged once its URL carries the guest's personal invite link (<c>?token=</c>). The same room as
/// <c>/hubs/group-orders</c>, in the seed's own JSON messages: see <see cref="PartyMessage"/> and <see cref="RoomMessage"/>.
/// </summary>
public static class PartySocket
{
    public const string Pattern = "/parties/collaborative_order/{roomId}";

    public static IEndpointConventionBuilder MapPartySocket(this IEndpointRouteBuilder routes)
    {
        // The socket's own small pipeline, as SignalR builds one for a hub: WebSockets are accepted here and nowhere else.
        var pipeline = routes.CreateApplicationBuilder();
        pipeline.UseWebSockets();
        pipeline.Run(OpenAsync);
        return routes.Map(Pattern, pipeline.Build()).RequireAuthorization(Policies.RoomGuests).WithDisplayName("Seed 001 room socket");
    }

    /// <summary>Refusals before the socket opens are plain HTTP answers with the reason (403 for another room's link).</summary>
    private static async Task OpenAsync(HttpContext http)
    {
        var guest = RoomInviteLinks.GuestOf(http.User) ?? throw DomainException.Forbidden("Open the room with your invite link (?token=).");
        if (!Guid.TryParse(http.GetRouteValue("roomId") as string, out var roomId) || roomId != guest.RoomId)
            throw DomainException.Forbidden("Your invite link is for another room.");
        if (!http.WebSockets.IsWebSocketRequest) throw DomainException.Invalid("This address takes WebSocket connections only.");
        // The room must still admit the link (not revoked, still a member) before the socket hears anything of it.
        var room = await http.RequestServices.GetRequiredService<IMediator>().Send(new GetRoomAsGuest(guest), http.RequestAborted);
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        await new PartyConnection(socket, guest, room, http.RequestServices).RunAsync(http.RequestAborted);
    }
}
