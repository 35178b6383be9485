using Hospitality.Domain.Billing;
using Hospitality.Domain.Circles;
using Hospitality.Domain.Orders;

namespace Hospitality.Domain.GroupOrders;

/// <summary>A room command, always from one guest (<paramref name="By"/>, a customer id) at a time the edge supplies.</summary>
public abstract record RoomCommand(string By, DateTimeOffset At);
public sealed record OpenRoom(Guid RoomId, string LocationId, OrderType Type, string Currency, string By, DateTimeOffset At) : RoomCommand(By, At);
public sealed record JoinRoom(string By, DateTimeOffset At) : RoomCommand(By, At);
public sealed record LeaveRoom(string By, DateTimeOffset At) : RoomCommand(By, At);
/// <summary><paramref name="UnitPriceMinor"/> is the menu's price, read on the server (never the client's).</summary>
public sealed record AddItem(Guid LineId, Guid DishId, string DishName, int Quantity, long UnitPriceMinor, string By, DateTimeOffset At) : RoomCommand(By, At);
public sealed record RemoveItem(Guid LineId, string By, DateTimeOffset At) : RoomCommand(By, At);
public sealed record UpdateQuantity(Guid LineId, int Quantity, string By, DateTimeOffset At) : RoomCommand(By, At);
public sealed record ChooseSplit(RoomSplit Split, string By, DateTimeOffset At) : RoomCommand(By, At);
public sealed record SetRoomLimits(long? PerPersonLimitMinor, DateTimeOffset? Deadline, string By, DateTimeOffset At) : RoomCommand(By, At);
public sealed record FinalizeRoom(bool OrderPerParticipant, string By, DateTimeOffset At) : RoomCommand(By, At);

/// <summary>
/// Pure decisions of a group-order room. Only members of the room's circle act in it (checked on every command);
/// only the owner sets limits, chooses the split and finalizes; a finalized room takes no more changes.
/// </summary>
public static class RoomDecisions
{
    public const int MaxQuantity = 20, MaxLines = 200;

    public static object[] Decide(GroupRoom? room, Circle circle, RoomCommand command)
    {
        if (!circle.IsMember(command.By)) throw DomainException.Forbidden("Only members of this circle can act in its order room.");
        if (command is OpenRoom open)
        {
            if (room is not null) throw DomainException.Conflict("That room is open already.");
            return [new RoomOpened(open.RoomId, circle.Id, open.LocationId, open.Type, open.By, open.Currency, open.At)];
        }

        if (room is null) throw DomainException.NotFound("No such order room.");
        if (room.CircleId != circle.Id) throw DomainException.Forbidden("Only members of this circle can act in its order room.");
        if (room.Finalized) throw DomainException.Conflict("This order was sent already; nothing in it can change now.");
        var joined = room.Participants.Contains(command.By);
        return command switch
        {
            JoinRoom => joined ? [] : [new ParticipantJoined(room.Id, command.By, command.At)],
            LeaveRoom when command.By == room.OwnerId => throw DomainException.Conflict("The owner stays in the room until the order is sent."),
            LeaveRoom => joined ? [new ParticipantLeft(room.Id, command.By, command.At)] : [],
            _ when !joined => throw DomainException.Conflict("Join the room first."),
            AddItem a => [Add(room, a)],
            RemoveItem r => [new ItemRemoved(room.Id, Line(room, r.LineId, r.By).Id, r.By, r.At)],
            UpdateQuantity q => [Update(room, q)],
            ChooseSplit s => [Choose(room, s)],
            SetRoomLimits l => [Limits(room, l)],
            FinalizeRoom f => [Finalize(room, f)],
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown room command."),
        };
    }

    private static ItemAdded Add(GroupRoom room, AddItem a)
    {
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
        if (q.Quantity > line.Quantity) WithinLimit(room, line.AddedBy, checked(line.UnitPriceMinor * (q.Quantity - line.Quantity)));
        return new QuantityUpdated(room.Id, line.Id, q.Quantity, q.By, q.At);
    }

    private static SplitChosen Choose(GroupRoom room, ChooseSplit s)
    {
        Owner(room, s.By, "choose how the bill is split");
        if (s.Split.Kind is SplitKind.Shares or SplitKind.Custom && (s.Split.Values is null || s.Split.Values.Count == 0))
            throw DomainException.Invalid($"A {s.Split.Kind.ToString().ToLowerInvariant()} split needs a value for each person who pays.");
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
        BillSplit.Split(room.Bill(), room.SplitMode());   // a split that does not add up is refused here, with its reason
        return new RoomFinalized(room.Id, f.OrderPerParticipant, f.At);
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
