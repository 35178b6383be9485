using Hospitality.Domain.Common;
using Hospitality.Domain.Orders;
using MediatR;

namespace Hospitality.Domain.GroupOrders;

/// <summary>A guest in a room, as their personal invite link names them. Every call checks the invite and the circle again.</summary>
public sealed record RoomGuest(string TenantId, Guid RoomId, string CustomerId, string InviteId);

/// <summary>
/// What a guest asks of a room, as the hub, the seed's socket and the phone page send it: no prices (the menu's are
/// used) and no times (the server's clock is).
/// </summary>
public abstract record RoomAction
{
    private RoomAction() { }

    public sealed record Join : RoomAction;
    public sealed record Leave : RoomAction;

    /// <param name="Key">The idempotency key, used as the new line's id: the same add sent twice adds one line.</param>
    public sealed record AddItem(Guid DishId, int Quantity, Guid Key) : RoomAction;
    public sealed record RemoveItem(Guid LineId) : RoomAction;

    /// <param name="ExpectedQuantity">What the guest saw; a line someone changed since is refused with a conflict, not overwritten.</param>
    public sealed record UpdateQuantity(Guid LineId, int Quantity, int? ExpectedQuantity) : RoomAction;

    /// <param name="Values">Shares as whole numbers, or custom amounts in major units ("12.50"), per customer id.</param>
    public sealed record ChooseSplit(SplitKind Kind, IReadOnlyDictionary<string, string>? Values) : RoomAction;

    /// <param name="PerPersonLimit">In major units, or null for none.</param>
    public sealed record SetLimits(string? PerPersonLimit, DateTimeOffset? Deadline) : RoomAction;

    /// <param name="Tip">In major units; "0" for none.</param>
    public sealed record SetTip(string? Tip) : RoomAction;
    public sealed record Finalize(bool OrderPerParticipant) : RoomAction;
    public sealed record RevokeInvite(string InviteId) : RoomAction;
}

/// <summary>A guest acts in their room. Refusals are <see cref="DomainException"/>s that name what was wrong; nothing is stored then.</summary>
public sealed record ActInRoom(RoomGuest Guest, RoomAction Action) : IRequest<RoomView>;

/// <summary>The room as the guest's phone shows it (seed 001's sync).</summary>
public sealed record GetRoomAsGuest(RoomGuest Guest) : IRequest<RoomView>;

/// <summary>The owner issues a personal invite link for a member of the circle.</summary>
public sealed record InviteFromRoom(RoomGuest Guest, string CustomerId, TimeSpan? Lifetime = null) : IRequest<RoomInviteIssued>;

/// <summary>Staff open a room for a member of a circle (seed 001's startCollaborativeOrder) and get the owner's invite link.</summary>
public sealed record StartRoom(Actor Actor, string CircleId, string OwnerId, string LocationId, OrderType Type, string? Table = null) : IRequest<RoomInviteIssued>;

/// <summary>Staff read a room of a location they can reach.</summary>
public sealed record GetRoom(Actor Actor, Guid RoomId) : IRequest<RoomView>;

/// <summary>Staff issue a member's invite link (a guest whose phone lost it, say).</summary>
public sealed record InviteToRoom(Actor Actor, Guid RoomId, string CustomerId, TimeSpan? Lifetime = null) : IRequest<RoomInviteIssued>;

/// <summary>Staff revoke an invite link.</summary>
public sealed record RevokeRoomInvite(Actor Actor, Guid RoomId, string InviteId) : IRequest<RoomView>;

/// <summary>A new invite: the edge signs <see cref="InviteId"/> with its tenant and room into the link it shows once.</summary>
public sealed record RoomInviteIssued(RoomView Room, string InviteId, string CustomerId, DateTimeOffset ExpiresAt);
