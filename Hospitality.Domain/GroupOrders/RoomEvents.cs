using Hospitality.Domain.Orders;

namespace Hospitality.Domain.GroupOrders;

// A group-order room (seed 001's collaborative order, a PartyKit room there): one stream per room. Everything the
// room shows is folded from these events, so a phone that reconnects, after seconds or minutes, gets it all back.

/// <summary>A circle member opened a room to order together at a location.</summary>
/// <param name="Table">The table a dine-in order goes to; null for takeaway and delivery.</param>
public sealed record RoomOpened(Guid RoomId, Guid CircleId, string LocationId, OrderType Type, string OwnerId, string Currency, DateTimeOffset At, string? Table = null);

/// <summary>Seed 001's participant_joined.</summary>
public sealed record ParticipantJoined(Guid RoomId, string CustomerId, DateTimeOffset At);

/// <summary>Seed 001's participant_left. Their items stay in the order.</summary>
public sealed record ParticipantLeft(Guid RoomId, string CustomerId, DateTimeOffset At);

/// <summary>Seed 001's item_added: who added it is recorded and shown. The price is the menu's, read on the server.</summary>
public sealed record ItemAdded(Guid RoomId, Guid LineId, Guid DishId, string DishName, int Quantity, long UnitPriceMinor, string AddedBy, DateTimeOffset At);

/// <summary>Seed 001's item_removed.</summary>
public sealed record ItemRemoved(Guid RoomId, Guid LineId, string By, DateTimeOffset At);

/// <summary>Seed 001's quantity_updated.</summary>
public sealed record QuantityUpdated(Guid RoomId, Guid LineId, int Quantity, string By, DateTimeOffset At);

/// <summary>Seed 001's split_updated: how the bill will be shared.</summary>
public sealed record SplitChosen(Guid RoomId, RoomSplit Split, DateTimeOffset At);

/// <summary>The owner set (or lifted, with nulls) a spending limit per person and a deadline for adding items.</summary>
public sealed record RoomLimitsSet(Guid RoomId, long? PerPersonLimitMinor, DateTimeOffset? Deadline, DateTimeOffset At);

/// <summary>Seed 001's order_finalized: the owner sent it, as one group order or one order per participant.</summary>
/// <param name="OrderIds">The orders placed in the same commit.</param>
public sealed record RoomFinalized(Guid RoomId, bool OrderPerParticipant, DateTimeOffset At, IReadOnlyList<Guid>? OrderIds = null);

/// <summary>
/// A personal invite link to the room was issued for one member of the circle, good until <paramref name="ExpiresAt"/>.
/// The link itself is signed at the edge and never stored; it names this invite, which can be revoked.
/// </summary>
public sealed record InviteIssued(Guid RoomId, string InviteId, string CustomerId, string IssuedBy, DateTimeOffset ExpiresAt, DateTimeOffset At);

/// <summary>An invite link stopped working before it expired (the owner or staff revoked it).</summary>
public sealed record InviteRevoked(Guid RoomId, string InviteId, string RevokedBy, DateTimeOffset At);

public enum SplitKind { Equal, ByItem, Shares, Custom }

/// <summary>A chosen split: the kind, and for shares or custom amounts the values per participant (minor units for custom).</summary>
public sealed record RoomSplit(SplitKind Kind, IReadOnlyDictionary<string, long>? Values = null)
{
    public static readonly RoomSplit Default = new(SplitKind.ByItem);
}

/// <summary>The owner set the tip for the whole order (zero for none); it is split in proportion like the other charges.</summary>
public sealed record RoomTipSet(Guid RoomId, long TipMinor, DateTimeOffset At);
