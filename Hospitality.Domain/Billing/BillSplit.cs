namespace Hospitality.Domain.Billing;

/// <summary>
/// Splits a group's bill among its participants. Whatever the mode, the participants' totals add up to the bill
/// exactly, each charge's parts add up to that charge exactly, no part is negative, and the same bill and mode always
/// give the same cents to the same participant ids (the order of lines or of participants in the input does not matter).
/// </summary>
/// <remarks>
/// Rounding happens once, on what each participant pays in all (their total in Equal and Shares, their part of the
/// charges in ByItem), with <see cref="Allocation.Split"/>: so guests splitting equally never differ by more than one
/// minor unit. Those amounts are then broken down into charges, in the bill's order, each charge split in proportion to
/// what is still to be broken down; the last piece (the items in Equal, Shares and Custom; the last charge in ByItem)
/// takes what is left. That keeps every cell whole and never negative, at the cost of a breakdown cell straying from its
/// exact proportional share by up to (but less than) as many minor units as there are pieces; splitting each charge on
/// its own instead would have let the totals drift apart by one unit per charge, which is what guests compare.
/// </remarks>
public static class BillSplit
{
    /// <summary>Every participant's share, in ordinal participant id order.</summary>
    /// <exception cref="DomainException">Invalid with a sentence naming what is wrong with the bill or the mode.</exception>
    public static BillSplitResult Split(Bill bill, SplitMode mode)
    {
        ArgumentNullException.ThrowIfNull(bill);
        ArgumentNullException.ThrowIfNull(mode);
        var priced = PricedBill.Of(bill);
        var (ids, rows) = mode switch
        {
            SplitMode.Equal m => Weighted(priced, Ids(m.Participants), null),
            SplitMode.Shares m => Weighted(priced, Ids(m.Weights?.Keys.ToList()), m.Weights),
            SplitMode.ByItem m => ByItem(priced, bill, Ids(m.Participants)),
            SplitMode.Custom m => Custom(priced, m.Amounts),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode.GetType().Name, "Unknown split mode."),
        };
        var currency = priced.Currency;
        var shares = new ParticipantShare[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            var (items, charges) = rows[i];
            shares[i] = new ParticipantShare(ids[i], new Money(items, currency),
                charges.Select(c => new Money(c, currency)).ToArray(), new Money(items + charges.Sum(), currency));
        }
        return new BillSplitResult(new Money(priced.Total, currency), shares);
    }

    /// <summary>
    /// One participant's share from the same computation as <see cref="Split"/>, so what a guest previews before the
    /// order is finalized is exactly what they will be asked to pay.
    /// </summary>
    /// <exception cref="DomainException">NotFound when the participant is not in this split; Invalid as for <see cref="Split"/>.</exception>
    public static ParticipantShare ShareOf(Bill bill, SplitMode mode, string participant) =>
        Split(bill, mode).Participants.FirstOrDefault(p => string.Equals(p.Participant, participant, StringComparison.Ordinal))
        ?? throw DomainException.NotFound($"\"{participant}\" is not part of this split.");

    private static (string[], (long, long[])[]) Weighted(PricedBill bill, string[] ids, IReadOnlyDictionary<string, long>? shares)
    {
        var weights = ids.Select(id => shares?[id] ?? 1).ToArray();
        for (var i = 0; i < ids.Length; i++)
            if (weights[i] < 0) throw DomainException.Invalid($"The share for \"{ids[i]}\" is {weights[i]}; shares cannot be negative.");
        if (weights.All(w => w == 0)) throw DomainException.Invalid("At least one participant needs a share above zero.");
        var totals = Allocation.LargestRemainders(bill.Total, weights);
        return (ids, ItemsLast(Breakdown(totals, [.. bill.Charges, bill.Items])));
    }

    private static (string[], (long, long[])[]) ByItem(PricedBill bill, Bill source, string[] ids)
    {
        var stranger = source.Lines.Select((line, i) => (line.Owner, Line: i + 1)).FirstOrDefault(l => !ids.Contains(l.Owner, StringComparer.Ordinal));
        if (stranger.Owner is not null)
            throw DomainException.Invalid($"Line {stranger.Line} belongs to \"{stranger.Owner}\", who is not in this split.");
        var items = ids.Select(id => bill.ItemsByOwner.GetValueOrDefault(id)).ToArray();
        // Nobody ordered anything (a delivery fee alone, say): then the charges are shared equally.
        var weights = items.All(x => x == 0) ? items.Select(_ => 1L).ToArray() : items;
        var chargeTotals = Allocation.LargestRemainders(bill.Charges.Sum(), weights);
        var charges = Breakdown(chargeTotals, bill.Charges);
        return (ids, ids.Select((_, i) => (items[i], charges[i])).ToArray());
    }

    private static (string[], (long, long[])[]) Custom(PricedBill bill, IReadOnlyDictionary<string, Money>? amounts)
    {
        var ids = Ids(amounts?.Keys.ToList());
        var totals = new long[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            var amount = amounts![ids[i]];
            PricedBill.RequireAmount(amount, bill.Currency, $"The amount for \"{ids[i]}\"");
            totals[i] = amount.Minor;
        }
        var sum = (Int128)0;
        foreach (var t in totals) sum += t;
        var billTotal = new Money(bill.Total, bill.Currency);
        if (sum > long.MaxValue)
            throw DomainException.Invalid($"The custom amounts add up to more than any amount we can hold; the bill is {billTotal}.");
        if (sum != bill.Total)
        {
            var added = new Money((long)sum, bill.Currency);
            var gap = (added > billTotal ? added - billTotal : billTotal - added).Amount();
            throw DomainException.Invalid(
                $"The custom amounts add up to {added}; the bill is {billTotal} ({gap} {(added < billTotal ? "short" : "over")}).");
        }
        return (ids, ItemsLast(Breakdown(totals, [.. bill.Charges, bill.Items])));
    }

    /// <summary>
    /// Cells with row i adding up to rowTotals[i] and column j to columns[j], each column split in proportion to what
    /// each row still has to fill; the last column takes the rest. Needs Σ rowTotals = Σ columns, all non-negative.
    /// </summary>
    private static long[][] Breakdown(long[] rowTotals, long[] columns)
    {
        var remaining = (long[])rowTotals.Clone();
        var cells = rowTotals.Select(_ => new long[columns.Length]).ToArray();
        for (var j = 0; j < columns.Length; j++)
        {
            // Σ remaining is the sum of this column and the later ones, so it is never below this column, and
            // no row is handed more than it still has: cells stay non-negative.
            var column = j == columns.Length - 1 ? (long[])remaining.Clone()
                : columns[j] == 0 ? new long[rowTotals.Length]
                : Allocation.LargestRemainders(columns[j], remaining);
            for (var i = 0; i < rowTotals.Length; i++)
            {
                cells[i][j] = column[i];
                remaining[i] -= column[i];
            }
        }
        return cells;
    }

    private static (long, long[])[] ItemsLast(long[][] cells) =>
        cells.Select(row => (row[^1], row[..^1])).ToArray();

    private static string[] Ids(IReadOnlyList<string>? participants)
    {
        if (participants is null || participants.Count == 0) throw DomainException.Invalid("Choose at least one participant to split the bill.");
        if (participants.Any(string.IsNullOrWhiteSpace)) throw DomainException.Invalid("A participant id is blank.");
        var twice = participants.GroupBy(p => p, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw DomainException.Invalid($"\"{twice.Key}\" is listed twice in the split.");
        return participants.Order(StringComparer.Ordinal).ToArray();
    }
}
