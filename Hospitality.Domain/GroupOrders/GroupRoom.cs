using Hospitality.Domain.Billing;
using Hospitality.Domain.Orders;

namespace Hospitality.Domain.GroupOrders;

/// <summary>One line of the room's order, with the guest who added it.</summary>
public sealed record RoomLine(Guid Id, Guid DishId, string DishName, int Quantity, long UnitPriceMinor, string AddedBy)
{
    public long TotalMinor => checked(UnitPriceMinor * Quantity);
}

/// <summary>A personal invite link of the room, as the room remembers it (the link's signature is checked at the edge).</summary>
public sealed record RoomInvite(string Id, string CustomerId, DateTimeOffset ExpiresAt, bool Revoked)
{
    public bool ValidAt(DateTimeOffset now) => !Revoked && now < ExpiresAt;
}

/// <summary>
/// A group-order room folded from its events: what decisions need and what every phone in the room shows. Stored inline
/// (one document per room), so a phone that reconnects reads the whole room in one load.
/// </summary>
/// <param name="SeenLineIds">Every line id ever added, removed ones too: an add or a remove retried with the same id is a no-op.</param>
public sealed record GroupRoom(
    Guid Id, Guid CircleId, string LocationId, OrderType Type, string OwnerId, string Currency, IReadOnlyList<string> Participants,
    IReadOnlyList<RoomLine> Lines, RoomSplit Split, long? PerPersonLimitMinor, DateTimeOffset? Deadline, bool Finalized, long Version,
    string? Table = null, long TipMinor = 0, IReadOnlyList<RoomInvite>? Invites = null, IReadOnlyList<Guid>? SeenLineIds = null,
    IReadOnlyList<Guid>? OrderIds = null, DateTimeOffset OpenedAt = default)
{
    public IReadOnlyList<RoomInvite> InviteList => Invites ?? [];

    public long SubtotalMinor => Lines.Sum(l => l.TotalMinor);

    public long SubtotalOf(string customerId) => Lines.Where(l => l.AddedBy == customerId).Sum(l => l.TotalMinor);

    /// <summary>
    /// The bill as it stands, for <see cref="BillSplit"/>: each line owned by whoever added it, then the order's charges
    /// (tax and service charge as the location sets them, which <paramref name="charges"/> gives) and the tip.
    /// </summary>
    public Bill Bill(IReadOnlyList<OrderCharge>? charges = null)
    {
        var currency = Billing.Currency.Of(Currency);
        IReadOnlyList<OrderCharge> all = [.. charges ?? [], .. TipMinor > 0 ? [new OrderCharge(ChargeKind.Tip, new Money(TipMinor, currency))] : Array.Empty<OrderCharge>()];
        return new Bill(currency, [.. Lines.Select(l => new Billing.OrderLine(l.AddedBy, l.Quantity, new Money(l.UnitPriceMinor, currency)))], all);
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
            RoomSplit.Default, null, null, false, version, o.Table, 0, [], [], [], o.At),
        (null, _) => null,
        (_, ParticipantJoined j) => room with { Participants = [.. room.Participants, j.CustomerId], Version = version },
        (_, ParticipantLeft l) => room with { Participants = [.. room.Participants.Where(p => p != l.CustomerId)], Version = version },
        (_, ItemAdded a) => room with
        {
            Lines = [.. room.Lines, new RoomLine(a.LineId, a.DishId, a.DishName, a.Quantity, a.UnitPriceMinor, a.AddedBy)],
            SeenLineIds = [.. room.SeenLineIds ?? [], a.LineId], Version = version,
        },
        (_, ItemRemoved r) => room with { Lines = [.. room.Lines.Where(l => l.Id != r.LineId)], Version = version },
        (_, QuantityUpdated q) => room with
        {
            Lines = [.. room.Lines.Select(l => l.Id == q.LineId ? l with { Quantity = q.Quantity } : l)], Version = version,
        },
        (_, SplitChosen s) => room with { Split = s.Split, Version = version },
        (_, RoomLimitsSet l) => room with { PerPersonLimitMinor = l.PerPersonLimitMinor, Deadline = l.Deadline, Version = version },
        (_, RoomTipSet t) => room with { TipMinor = t.TipMinor, Version = version },
        (_, InviteIssued i) => room with { Invites = [.. room.InviteList, new RoomInvite(i.InviteId, i.CustomerId, i.ExpiresAt, false)], Version = version },
        (_, InviteRevoked r) => room with
        {
            Invites = [.. room.InviteList.Select(i => i.Id == r.InviteId ? i with { Revoked = true } : i)], Version = version,
        },
        (_, RoomFinalized f) => room with { Finalized = true, OrderIds = f.OrderIds ?? [], Version = version },
        _ => room with { Version = version },
    };
}
