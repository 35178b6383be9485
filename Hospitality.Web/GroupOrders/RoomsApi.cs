using Hospitality.Domain;
using Hospitality.Domain.Common;
using Hospitality.Domain.GroupOrders;
using Hospitality.Domain.Orders;
using Hospitality.Domain.Tenancy;
using Hospitality.Hubs.GroupOrders;
using Hospitality.Web.Infrastructure;
using Hospitality.Web.Staff;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospitality.Web.GroupOrders;

/// <summary>
/// Group-order rooms over HTTP for staff: start one for a member of a circle (seed 001's startCollaborativeOrder; the answer
/// holds the owner's invite link, shown this once), read one, issue a member's invite link, revoke a link.
/// </summary>
public static class RoomsApi
{
    public static void MapRoomsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/circles/{circleId}/rooms", Start).WithTags("Group orders").AddEndpointFilter<CrossSiteWriteGuard>()
            .RequireAuthorization(Policies.OperateSessions).WithMetadata(new IdempotentAttribute());
        var rooms = routes.MapGroup("/api/rooms").WithTags("Group orders").AddEndpointFilter<CrossSiteWriteGuard>()
            .RequireAuthorization(Policies.OperateSessions);
        rooms.MapGet("/{roomId:guid}", (HttpContext http, IMediator m, Guid roomId, CancellationToken ct) =>
            m.OkAsync(new GetRoom(http.User.ToActor()!, roomId), ct));
        rooms.MapPost("/{roomId:guid}/invites", Invite).WithMetadata(new IdempotentAttribute());
        rooms.MapDelete("/{roomId:guid}/invites/{inviteId}", (HttpContext http, IMediator m, Guid roomId, string inviteId, CancellationToken ct) =>
            m.OkAsync(new RevokeRoomInvite(http.User.ToActor()!, roomId, inviteId), ct));
    }

    private static async Task<Created<RoomWithLink>> Start(HttpContext http, IMediator mediator, RoomInviteLinks links, string circleId,
        StartRoomBody body, CancellationToken ct)
    {
        var actor = http.User.ToActor()!;
        var issued = await mediator.Send(new StartRoom(actor, circleId, body.OwnerId ?? throw Missing("ownerId"),
            body.LocationId ?? throw Missing("locationId"), EnumNames.Parse<OrderType>(body.OrderType ?? body.Type, "order type"), body.Table), ct);
        return TypedResults.Created($"/api/rooms/{issued.Room.Id}", new RoomWithLink(issued.Room, RoomInviteLink.Of(links.Sign(actor.TenantId, issued), issued)));
    }

    private static async Task<Ok<RoomWithLink>> Invite(HttpContext http, IMediator mediator, RoomInviteLinks links, Guid roomId,
        InviteBody body, CancellationToken ct)
    {
        var actor = http.User.ToActor()!;
        var issued = await mediator.Send(new InviteToRoom(actor, roomId, body.CustomerId ?? throw Missing("customerId")), ct);
        return TypedResults.Ok(new RoomWithLink(issued.Room, RoomInviteLink.Of(links.Sign(actor.TenantId, issued), issued)));
    }

    private static DomainException Missing(string field) => DomainException.Invalid($"The field '{field}' is required.");

    /// <summary>A room to open: for which member (<c>ownerId</c>), where, and how it reaches them (dine_in needs a table).</summary>
    public sealed record StartRoomBody(string? OwnerId, string? LocationId, string? OrderType, string? Type, string? Table);

    public sealed record InviteBody(string? CustomerId);

    /// <summary>The room and a freshly issued invite link (its token is shown only here).</summary>
    public sealed record RoomWithLink(RoomView Room, RoomInviteLink Invite);
}
