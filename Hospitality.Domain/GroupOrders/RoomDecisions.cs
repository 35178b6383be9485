using Hospitality.Domain.Billing;
using Hospitality.Domain.Circles;
using Hospitality.Domain.Orders;

namespace Hospitality.Domain.GroupOrders;

/// <summary>A room command, always from one guest (<paramref name="By"/>, a customer id) at a time the edge supplies.</summary>
public abstract record RoomCommand(string By, DateTimeOffset At);
public sealed record OpenRoom(Guid RoomId, string LocationId, OrderType Type, string Currency, string By, DateTimeOffset At, string? Table = null) : RoomCommand(By, At);
public sealed record JoinRoom(string By, DateTimeOffset At) : RoomCommand(By, At);
public sealed record LeaveRoom(string By, DateTimeOffset At) : RoomCommand(By, At);
/// <summary>
/// <paramref name="UnitPriceMinor"/> is the menu's price, read on the server (never the client's). <paramref name="LineId"/> is
/// the client's idempotency key: the same add sent twice adds one line.
/// </summary>
public sealed record AddItem(Guid LineId, Guid DishId, string DishName, int Quantity, long UnitPriceMinor, string By, DateTimeOffset At) : RoomCommand(By, At);
public sealed record RemoveItem(Guid LineId, string By, DateTimeOffset At) : RoomCommand(By, At);
/// <summary><paramref name="ExpectedQuantity"/>: the quantity the guest saw; when someone changed it since, the change is refused, not lost.</summary>
public sealed record UpdateQuantity(Guid LineId, int Quantity, string By, DateTimeOffset At, int? ExpectedQuantity = null) : RoomCommand(By, At);
public sealed record ChooseSplit(RoomSplit Split, string By, DateTimeOffset At) : RoomCommand(By, At);
public sealed record SetRoomLimits(long? PerPersonLimitMinor, DateTimeOffset? Deadline, string By, DateTimeOffset At) : RoomCommand(By, At);
public sealed record SetTip(long TipMinor, string By, DateTimeOffset At) : RoomCommand(By, At);
/// <param name="OrderIds">The ids of the orders to place (one, or one per payer with items), from the handler.</param>
/// <param name="Charges">The order's tax and service charge as the location sets them, so a custom split is checked against the real total.</param>
public sealed record FinalizeRoom(bool OrderPerParticipant, string By, DateTimeOffset At, IReadOnlyList<Guid>? OrderIds = null,
    IReadOnlyList<OrderCharge>? Charges = null) : RoomCommand(By, At);
/// <summary>The owner issues a personal invite link for a member of the circle.</summary>
public sealed record IssueInvite(string InviteId, string CustomerId, DateTimeOffset ExpiresAt, string By, DateTimeOffset At) : RoomCommand(By, At);
public sealed record RevokeInvite(string InviteId, string By, DateTimeOffset At) : RoomCommand(By, At);

/// <summary>
/// Pure decisions of a group-order room. Only members of the room's circle act in it (checked on every command);
/// only the owner sets limits, chooses the split and finalizes; a finalized room takes no more changes.
/// </summary>
public static class RoomDecisions
{
    public const int MaxQuantity = 20, MaxLines = OrderDecisions.MaxLines, MaxTableLength = 32, MaxInvites = 200;
    public const long MaxTipMinor = 100_000_000;
    public static readonly TimeSpan MinInviteLifetime = TimeSpan.FromMinutes(5), MaxInviteLifetime = TimeSpan.FromDays(7);

    public static object[] Decide(GroupRoom? room, Circle circle, RoomCommand command)
    {
        if (!circle.IsMember(command.By)) throw DomainException.Forbidden("Only members of this circle can act in its order room.");
        if (command is OpenRoom open)
        {
            if (room is not null) throw DomainException.Conflict("That room is open already.");
            var table = string.IsNullOrWhiteSpace(open.Table) ? null : open.Table.Trim();
            if (open.Type == OrderType.DineIn && table is null) throw DomainException.Invalid("A dine-in group order needs its table.");
            if (table?.Length > MaxTableLength) throw DomainException.Invalid($"The table name is longer than {MaxTableLength} characters.");
            return [new RoomOpened(open.RoomId, circle.Id, open.LocationId, open.Type, open.By, open.Currency, open.At, table)];
        }

        if (room is null) throw DomainException.NotFound("No such order room.");
        if (room.CircleId != circle.Id) throw DomainException.Forbidden("Only members of this circle can act in its order room.");
        if (IsRepeat(room, command)) return [];
        if (room.Finalized) throw DomainException.Conflict("This order was sent already; nothing in it can change now.");
        var joined = room.Participants.Contains(command.By);
        return command switch
        {
            IssueInvite i => [Invite(room, circle, i)],
            RevokeInvite r => Revoke(room, r),
            JoinRoom => joined ? [] : [new ParticipantJoined(room.Id, command.By, command.At)],
            LeaveRoom when command.By == room.OwnerId => throw DomainException.Conflict("The owner stays in the room until the order is sent."),
            LeaveRoom => joined ? [new ParticipantLeft(room.Id, command.By, command.At)] : [],
            _ when !joined => throw DomainException.Conflict("Join the room first."),
            AddItem a => [Add(room, a)],
            RemoveItem r => [new ItemRemoved(room.Id, Line(room, r.LineId, r.By).Id, r.By, r.At)],
            UpdateQuantity q => [Update(room, q)],
            ChooseSplit s => [Choose(room, s)],
            SetRoomLimits l => [Limits(room, l)],
            SetTip t => [Tip(room, t)],
            FinalizeRoom f => [Finalize(room, f)],
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown room command."),
        };
    }

    /// <summary>
    /// A command whose effect is already there, as when a phone retries after losing the answer: an add or a remove with
    /// a line id the room has seen, the owner finalizing a room that was sent. It changes nothing and is not an error.
    /// </summary>
    private static bool IsRepeat(GroupRoom room, RoomCommand command) => command switch
    {
        AddItem a => room.SeenLineIds?.Contains(a.LineId) == true,
        RemoveItem r => room.SeenLineIds?.Contains(r.LineId) == true && room.Lines.All(l => l.Id != r.LineId),
        FinalizeRoom f => room.Finalized && f.By == room.OwnerId,
        UpdateQuantity q => room.Lines.Any(l => l.Id == q.LineId && l.Quantity == q.Quantity),   // a retry of a change that landed
        _ => false,
    };

    /// <summary>
    /// An invite for <paramref name="i"/>'s member. Guests issue them only as the owner; staff issue them through
    /// <see cref="InviteFromStaff"/>.
    /// </summary>
    private static InviteIssued Invite(GroupRoom room, Circle circle, IssueInvite i)
    {
        Owner(room, i.By, "share invite links");
        return InviteFromStaff(room, circle, i.InviteId, i.CustomerId, i.ExpiresAt, i.By, i.At);
    }

    /// <summary>An invite issued by staff (or by the owner, checked before): for a member of the circle, for a bounded time.</summary>
    public static InviteIssued InviteFromStaff(GroupRoom room, Circle circle, string inviteId, string customerId, DateTimeOffset expiresAt, string issuedBy, DateTimeOffset at)
    {
        if (room.Finalized) throw DomainException.Conflict("This order was sent already; nobody new can join it.");
        if (!circle.IsMember(customerId)) throw DomainException.Invalid("Invite links are for members of the circle; invite the guest to the circle first.");
        var lifetime = expiresAt - at;
        if (lifetime < MinInviteLifetime || lifetime > MaxInviteLifetime)
            throw DomainException.Invalid($"An invite link lasts between {MinInviteLifetime.TotalMinutes:0} minutes and {MaxInviteLifetime.TotalDays:0} days.");
        if (room.InviteList.Count >= MaxInvites) throw DomainException.Conflict($"A room can have at most {MaxInvites} invite links.");
        return new InviteIssued(room.Id, inviteId, customerId, issuedBy, expiresAt, at);
    }

    /// <summary>Revoking: by the owner of the room (or staff, who call this with their own name). Twice is a no-op.</summary>
    public static object[] Revoke(GroupRoom room, RevokeInvite r, bool byStaff = false)
    {
        if (!byStaff) Owner(room, r.By, "revoke invite links");
        var invite = room.InviteList.SingleOrDefault(i => i.Id == r.InviteId) ?? throw DomainException.NotFound("No such invite link in this room.");
        return invite.Revoked ? [] : [new InviteRevoked(room.Id, invite.Id, r.By, r.At)];
    }

    private static RoomTipSet Tip(GroupRoom room, SetTip t)
    {
        Owner(room, t.By, "set the tip");
        if (t.TipMinor is < 0 or > MaxTipMinor) throw DomainException.Invalid("The tip must be zero or more, and not absurdly large.");
        return new RoomTipSet(room.Id, t.TipMinor, t.At);
    }

    private static ItemAdded Add(GroupRoom room, AddItem a)
    {
        if (a.LineId == Guid.Empty) throw DomainException.Invalid("An item needs a key of its own (a fresh UUID), not the empty one.");
        if (room.Deadline is { } deadline && a.At > deadline) throw DomainException.Conflict($"Adding items closed at {deadline:t}, as the owner set.");
        if (room.Lines.Count >= MaxLines) throw DomainException.Conflict($"An order room holds at most {MaxLines} lines.");
        Quantity(a.Quantity, a.DishName);
        WithinLimit(room, a.By, checked(a.UnitPriceMinor * a.Quantity));
        return new ItemAdded(room.Id, a.LineId, a.DishId, a.DishName, a.Quantity, a.UnitPriceMinor, a.By, a.At);
    }

    private static QuantityUpdated Update(GroupRoom room, UpdateQuantity q)
    {
        var line = Line(room, q.LineId, q.By);
        Quantity(q.Quantity, line.DishName);
        if (q.Quantity > line.Quantity && room.Deadline is { } deadline && q.At > deadline)
            throw DomainException.Conflict($"Adding items closed at {deadline:t}, as the owner set; quantities can only go down now.");
        if (q.ExpectedQuantity is { } expected && expected != line.Quantity)
            throw DomainException.Conflict($"Someone changed {line.DishName} to {line.Quantity} a moment ago; look again and choose the quantity you want.");
        if (q.Quantity > line.Quantity) WithinLimit(room, line.AddedBy, checked(line.UnitPriceMinor * (q.Quantity - line.Quantity)));
        return new QuantityUpdated(room.Id, line.Id, q.Quantity, q.By, q.At);
    }

    private static SplitChosen Choose(GroupRoom room, ChooseSplit s)
    {
        Owner(room, s.By, "choose how the bill is split");
        if (s.Split.Kind is SplitKind.Shares or SplitKind.Custom && (s.Split.Values is null || s.Split.Values.Count == 0))
            throw DomainException.Invalid($"A {s.Split.Kind.ToString().ToLowerInvariant()} split needs a value for each person who pays.");
        if (s.Split.Kind is SplitKind.Equal or SplitKind.ByItem && s.Split.Values is { Count: > 0 })
            throw DomainException.Invalid("An equal or by-item split takes no amounts or shares.");
        var members = room.Payers.Concat(room.Participants).ToHashSet();
        if (s.Split.Values?.Keys.FirstOrDefault(k => !members.Contains(k)) is { } stranger)
            throw DomainException.Invalid($"\"{(stranger.Length > 40 ? stranger[..40] + "…" : stranger)}\" is not in this room, so they cannot have a part of the bill.");
        if (s.Split.Values?.Values.Any(v => v < 0) == true) throw DomainException.Invalid("Amounts and shares cannot be negative.");
        return new SplitChosen(room.Id, s.Split, s.At);
    }

    private static RoomLimitsSet Limits(GroupRoom room, SetRoomLimits l)
    {
        Owner(room, l.By, "set limits");
        if (l.PerPersonLimitMinor is <= 0) throw DomainException.Invalid("A spending limit per person must be above zero (or none).");
        return new RoomLimitsSet(room.Id, l.PerPersonLimitMinor, l.Deadline, l.At);
    }

    private static RoomFinalized Finalize(GroupRoom room, FinalizeRoom f)
    {
        Owner(room, f.By, "send the order");
        if (room.Lines.Count == 0) throw DomainException.Conflict("Add at least one item before sending the order.");
        if (f.OrderPerParticipant && room.Split.Kind != SplitKind.ByItem)
            throw DomainException.Conflict("One order per person bills each person for their own items: choose the by-item split for that, or send one group order.");
        BillSplit.Split(room.Bill(f.Charges), room.SplitMode());   // a split that does not add up is refused here, with its reason
        return new RoomFinalized(room.Id, f.OrderPerParticipant, f.At, f.OrderIds ?? []);
    }

    /// <summary>Whoever added a line, or the owner, may change it; to others it is not theirs to touch.</summary>
    private static RoomLine Line(GroupRoom room, Guid lineId, string by)
    {
        var line = room.Lines.SingleOrDefault(l => l.Id == lineId) ?? throw DomainException.NotFound("That item is not in the order (someone may have removed it).");
        if (line.AddedBy != by && room.OwnerId != by) throw DomainException.Forbidden("Only whoever added an item, or the owner, can change it.");
        return line;
    }

    private static void Quantity(int quantity, string dish)
    {
        if (quantity is < 1 or > MaxQuantity) throw DomainException.Invalid($"The quantity of {dish} must be between 1 and {MaxQuantity}; it was {quantity}.");
    }

    private static void WithinLimit(GroupRoom room, string payer, long addingMinor)
    {
        if (room.PerPersonLimitMinor is not { } limit) return;
        var after = room.SubtotalOf(payer) + addingMinor;
        if (after > limit)
        {
            var currency = Currency.Of(room.Currency);
            throw DomainException.Conflict($"That would bring this guest to {new Money(after, currency)}, over the {new Money(limit, currency)} limit the owner set.");
        }
    }

    private static void Owner(GroupRoom room, string by, string what)
    {
        if (by != room.OwnerId) throw DomainException.Forbidden($"Only the owner of the room can {what}.");
    }
}
