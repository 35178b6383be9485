using Hospitality.Domain.Billing;
using Hospitality.Domain.Orders;

namespace Hospitality.Domain.GroupOrders;

/// <summary>One line of the room's order, with the guest who added it.</summary>
public sealed record RoomLine(Guid Id, Guid DishId, string DishName, int Quantity, long UnitPriceMinor, string AddedBy)
{
    public long TotalMinor => checked(UnitPriceMinor * Quantity);
}

/// <summary>A group-order room folded from its events: what decisions need and what every phone in the room shows.</summary>
public sealed record GroupRoom(
    Guid Id, Guid CircleId, string LocationId, OrderType Type, string OwnerId, string Currency, IReadOnlyList<string> Participants,
    IReadOnlyList<RoomLine> Lines, RoomSplit Split, long? PerPersonLimitMinor, DateTimeOffset? Deadline, bool Finalized, long Version)
{
    public long SubtotalOf(string customerId) => Lines.Where(l => l.AddedBy == customerId).Sum(l => l.TotalMinor);

    /// <summary>The bill as it stands, for <see cref="BillSplit"/>: each line owned by whoever added it.</summary>
    public Bill Bill()
    {
        var currency = Billing.Currency.Of(Currency);
        return new Bill(currency, [.. Lines.Select(l => new Billing.OrderLine(l.AddedBy, l.Quantity, new Money(l.UnitPriceMinor, currency)))], []);
    }

    /// <summary>Everyone who pays: those in the room and anyone who added an item, in ordinal order.</summary>
    public IReadOnlyList<string> Payers => [.. Participants.Concat(Lines.Select(l => l.AddedBy)).Distinct().Order(StringComparer.Ordinal)];

    public SplitMode SplitMode() => Split.Kind switch
    {
        SplitKind.Equal => new SplitMode.Equal(Payers),
        SplitKind.Shares => new SplitMode.Shares(Split.Values ?? new Dictionary<string, long>()),
        SplitKind.Custom => new SplitMode.Custom((Split.Values ?? new Dictionary<string, long>())
            .ToDictionary(v => v.Key, v => new Money(v.Value, Billing.Currency.Of(Currency)))),
        _ => new SplitMode.ByItem(Payers),
    };

    public static GroupRoom? Fold(GroupRoom? room, object e, long version) => (room, e) switch
    {
        (null, RoomOpened o) => new GroupRoom(o.RoomId, o.CircleId, o.LocationId, o.Type, o.OwnerId, o.Currency, [o.OwnerId], [],
            RoomSplit.Default, null, null, false, version),
        (null, _) => null,
        (_, ParticipantJoined j) => room with { Participants = [.. room.Participants, j.CustomerId], Version = version },
        (_, ParticipantLeft l) => room with { Participants = [.. room.Participants.Where(p => p != l.CustomerId)], Version = version },
        (_, ItemAdded a) => room with
        {
            Lines = [.. room.Lines, new RoomLine(a.LineId, a.DishId, a.DishName, a.Quantity, a.UnitPriceMinor, a.AddedBy)], Version = version,
        },
        (_, ItemRemoved r) => room with { Lines = [.. room.Lines.Where(l => l.Id != r.LineId)], Version = version },
        (_, QuantityUpdated q) => room with
        {
            Lines = [.. room.Lines.Select(l => l.Id == q.LineId ? l with { Quantity = q.Quantity } : l)], Version = version,
        },
        (_, SplitChosen s) => room with { Split = s.Split, Version = version },
        (_, RoomLimitsSet l) => room with { PerPersonLimitMinor = l.PerPersonLimitMinor, Deadline = l.Deadline, Version = version },
        (_, RoomFinalized) => room with { Finalized = true, Version = version },
        _ => room with { Version = version },
    };
}
