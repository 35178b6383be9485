namespace Hospitality.Domain.Billing;

/// <summary>
/// Splits an amount into parts in proportion to weights, in whole minor units, so the parts always add up to the
/// amount exactly. This is the largest-remainder (Hamilton) method: every part first gets the floor of its exact
/// share total × weight ÷ Σweights; the minor units left over (fewer than the number of parts) go one each to the
/// parts with the largest remainders. So each part is within one minor unit of its exact share.
/// </summary>
public static class Allocation
{
    /// <summary>
    /// Splits <paramref name="total"/> in proportion to <paramref name="weights"/>; part i belongs to weight i.
    /// <list type="bullet">
    /// <item>Ties: when two parts have the same remainder, the lower index gets the extra minor unit first, so
    /// 100.00 USD three ways is 33.34, 33.33, 33.33. Callers choose what the index means (BillSplit orders guests by
    /// id) so the same people in the same order always get the same cents.</item>
    /// <item>Zero weights get zero, never a leftover unit.</item>
    /// <item>A negative total (a refund) is split symmetrically: Split(−t) is exactly −Split(t), so the same index
    /// absorbs the extra unit of a refund as of the charge it reverses.</item>
    /// </list>
    /// Products are computed in 128 bits, so any long total and long weights work without overflow.
    /// </summary>
    /// <exception cref="DomainException">Invalid when there are no weights, a weight is negative, or all are zero.</exception>
    public static Money[] Split(Money total, IReadOnlyList<long> weights)
    {
        var parts = LargestRemainders(total.Minor, weights);
        var split = new Money[parts.Length];
        for (var i = 0; i < parts.Length; i++) split[i] = new Money(parts[i], total.Currency);
        return split;
    }

    /// <summary>Splits <paramref name="total"/> into <paramref name="count"/> equal parts; the extra units go to the first parts.</summary>
    /// <exception cref="DomainException">Invalid when <paramref name="count"/> is below one.</exception>
    public static Money[] SplitEvenly(Money total, int count)
    {
        if (count < 1) throw DomainException.Invalid($"A split needs at least one part; {count} were asked for.");
        return Split(total, Enumerable.Repeat(1L, count).ToArray());
    }

    /// <summary>The method itself, on minor units; see <see cref="Split"/>.</summary>
    internal static long[] LargestRemainders(long total, IReadOnlyList<long> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0) throw DomainException.Invalid("A split needs at least one part.");
        Int128 sum = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            if (weights[i] < 0)
                throw DomainException.Invalid($"Weight {i + 1} of the split is {weights[i]}; weights cannot be negative.");
            sum += weights[i];
        }
        if (sum == 0) throw DomainException.Invalid("At least one weight of the split must be above zero.");

        // Split the magnitude and negate at the end: that is what makes refunds mirror charges exactly.
        Int128 magnitude = total;
        var refund = magnitude < 0;
        if (refund) magnitude = -magnitude;

        var parts = new Int128[weights.Count];
        var remainders = new Int128[weights.Count];
        Int128 given = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var product = magnitude * weights[i];  // at most 2^63 · 2^63 = 2^126: fits in Int128
            parts[i] = product / sum;
            remainders[i] = product % sum;
            given += parts[i];
        }

        // The remainders add up to left·sum and each is below sum, so left < parts.Length and every unit handed out
        // goes to a part with a non-zero remainder (hence zero weights get nothing, and no part moves a full unit).
        var left = (int)(magnitude - given);
        if (left > 0)
        {
            var order = Enumerable.Range(0, parts.Length).ToArray();
            Array.Sort(order, (a, b) => remainders[a] != remainders[b] ? remainders[b].CompareTo(remainders[a]) : a.CompareTo(b));
            for (var k = 0; k < left; k++) parts[order[k]] += 1;
        }

        var result = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++) result[i] = (long)(refund ? -parts[i] : parts[i]);
        return result;
    }
}
