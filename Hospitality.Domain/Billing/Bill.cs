namespace Hospitality.Domain.Billing;

/// <summary>
/// What a group owes: the lines each guest ordered and the charges on the order as a whole. All amounts are in
/// <see cref="Currency"/>; <see cref="BillSplit"/> refuses a bill that mixes currencies or holds negative amounts.
/// </summary>
public sealed record Bill(Currency Currency, IReadOnlyList<OrderLine> Lines, IReadOnlyList<OrderCharge> Charges);

/// <summary>One line of a group order: who ordered it, how many, and the price of one.</summary>
/// <param name="Owner">The participant id of the guest who ordered it; compared ordinally, never trimmed.</param>
public sealed record OrderLine(string Owner, int Quantity, Money UnitPrice)
{
    public Money Total => UnitPrice.Times(Quantity);
}

/// <summary>A charge on the order as a whole rather than on one guest's line.</summary>
public sealed record OrderCharge(ChargeKind Kind, Money Amount);

public enum ChargeKind
{
    Tax,
    ServiceCharge,
    DeliveryFee,
    Tip,
}

/// <summary>How the bill is shared. Participant ids are compared ordinally and results come back in that order.</summary>
public abstract record SplitMode
{
    private SplitMode() { }

    /// <summary>The whole bill in equal parts among these participants, whatever each ordered.</summary>
    public sealed record Equal(IReadOnlyList<string> Participants) : SplitMode;

    /// <summary>
    /// Each participant pays their own lines; the order's charges follow each participant's item subtotal, so a
    /// participant with no items pays none of them. When nobody has items, the charges are shared equally.
    /// Every line owner must be among <paramref name="Participants"/>.
    /// </summary>
    public sealed record ByItem(IReadOnlyList<string> Participants) : SplitMode;

    /// <summary>The whole bill in proportion to whole-number shares, e.g. 2:1:1. A zero share pays nothing.</summary>
    public sealed record Shares(IReadOnlyDictionary<string, long> Weights) : SplitMode;

    /// <summary>Amounts the participants agreed on, which must add up to the bill exactly.</summary>
    public sealed record Custom(IReadOnlyDictionary<string, Money> Amounts) : SplitMode;
}

/// <summary>
/// One participant's part of the bill. <see cref="Charges"/> is aligned with <see cref="Bill.Charges"/>.
/// In <see cref="SplitMode.ByItem"/>, <see cref="Items"/> is the guest's own lines; in the other modes it is the
/// guest's part of the items subtotal. Always <c>Total = Items + ΣCharges</c>.
/// </summary>
public sealed record ParticipantShare(string Participant, Money Items, IReadOnlyList<Money> Charges, Money Total);

/// <summary>A split bill: one share per participant in ordinal id order, adding up to <see cref="Total"/> exactly.</summary>
public sealed record BillSplitResult(Money Total, IReadOnlyList<ParticipantShare> Participants);
