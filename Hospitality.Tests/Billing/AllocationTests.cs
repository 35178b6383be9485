using Hospitality.Domain.Billing;
using Hospitality.Domain;

namespace Hospitality.Tests.Billing;

public class AllocationTests
{
    private static long[] Split(long total, Currency currency, params long[] weights) =>
        Allocation.Split(new Money(total, currency), weights).Select(p => p.Minor).ToArray();

    [Fact]
    public void A_hundred_dollars_three_ways_gives_the_extra_cent_to_the_first_part()
    {
        // All three remainders tie (1 cent left, each exact share is 33.333…), so the lowest index takes it.
        var parts = Allocation.SplitEvenly(Money.Parse("100.00", Currency.USD), 3);
        Assert.Equal(["33.34 USD", "33.33 USD", "33.33 USD"], parts.Select(p => p.ToString()));
    }

    [Fact]
    public void Ten_yen_three_ways_is_four_three_three() => Assert.Equal([4, 3, 3], Split(10, Currency.JPY, 1, 1, 1));

    [Fact]
    public void One_dinar_three_ways_gives_the_extra_fils_to_the_first_part()
    {
        var parts = Allocation.SplitEvenly(Money.Parse("1.000", Currency.KWD), 3);
        Assert.Equal(["0.334 KWD", "0.333 KWD", "0.333 KWD"], parts.Select(p => p.ToString()));
    }

    [Fact]
    public void The_extra_unit_goes_to_the_largest_remainder_not_to_the_first_index()
    {
        // 10 cents 1:2 is 3.33 and 6.67: the second part's remainder is larger, so it gets the extra cent.
        Assert.Equal([3, 7], Split(10, Currency.USD, 1, 2));
        Assert.Equal([50, 25, 25], Split(100, Currency.USD, 2, 1, 1));
        // 5 cents 4:3:3 is 2, 1.5, 1.5: the first part is exact, and of the tied others the lower index gets the cent.
        Assert.Equal([2, 2, 1], Split(5, Currency.USD, 4, 3, 3));
    }

    [Fact]
    public void A_zero_weight_gets_nothing_even_when_units_are_left_over() => Assert.Equal([0, 2, 0, 1], Split(3, Currency.USD, 0, 1, 0, 1));

    [Fact]
    public void A_refund_mirrors_the_charge() => Assert.Equal([-3334, -3333, -3333], Split(-10_000, Currency.USD, 1, 1, 1));

    [Fact]
    public void The_largest_amounts_and_weights_do_not_overflow()
    {
        var parts = Split(long.MaxValue, Currency.USD, long.MaxValue, long.MaxValue, 1);
        Assert.Equal(long.MaxValue, parts.Aggregate(0L, (sum, p) => checked(sum + p)));
        Assert.Equal([4611686018427387903, 4611686018427387903, 1], parts);
        Assert.Equal([long.MinValue], Split(long.MinValue, Currency.USD, 5));
    }

    [Theory]
    [InlineData(new long[0], "at least one part")]
    [InlineData(new long[] { 1, -1 }, "Weight 2 of the split is -1; weights cannot be negative.")]
    [InlineData(new long[] { 0, 0 }, "At least one weight of the split must be above zero.")]
    public void Weights_that_cannot_share_anything_are_refused(long[] weights, string reason)
    {
        var error = Assert.Throws<DomainException>(() => Allocation.Split(new Money(100, Currency.USD), weights));
        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Splitting_into_no_parts_is_refused() =>
        Assert.Throws<DomainException>(() => Allocation.SplitEvenly(new Money(100, Currency.USD), 0));
}
