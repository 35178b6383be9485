using System.Numerics;
using Hospitality.Domain.Billing;

namespace Hospitality.Tests.Billing;

/// <summary>The split's guarantees over thousands of seeded random totals, weights and currencies.</summary>
public class AllocationPropertyTests
{
    private const int CasesPerSeed = 4_000;

    private sealed record SplitCase(Money Total, long[] Weights);

    private static SplitCase Generate(Random random) =>
        new(new Money(Cases.Total(random), Cases.Currencies[random.Next(Cases.Currencies.Length)]), Cases.Weights(random));

    private static string Describe(SplitCase c) => $"total {c.Total} ({c.Total.Minor} minor units), weights {Cases.Show(c.Weights)}";

    private static void Run(int seed, Action<SplitCase, Money[]> check) =>
        Cases.Run(seed, CasesPerSeed, Generate, Describe, c => check(c, Allocation.Split(c.Total, c.Weights)));

    [Theory, InlineData(1), InlineData(2), InlineData(3)]
    public void Parts_add_up_exactly_to_the_total(int seed) => Run(seed, (c, parts) =>
    {
        Assert.Equal(c.Weights.Length, parts.Length);
        Assert.All(parts, p => Assert.Equal(c.Total.Currency, p.Currency));
        Assert.Equal(new BigInteger(c.Total.Minor), parts.Aggregate(BigInteger.Zero, (sum, p) => sum + p.Minor));
    });

    [Theory, InlineData(4), InlineData(5), InlineData(6)]
    public void Every_part_is_within_one_minor_unit_of_its_exact_share(int seed) => Run(seed, (c, parts) =>
    {
        var weightSum = c.Weights.Aggregate(BigInteger.Zero, (sum, w) => sum + w);
        for (var i = 0; i < parts.Length; i++)
            Assert.True(Cases.WithinOneUnit(parts[i].Minor, c.Total.Minor, c.Weights[i], weightSum),
                $"Part {i} is {parts[i].Minor}, not within one unit of {c.Total.Minor}·{c.Weights[i]}/{weightSum}.");
    });

    [Theory, InlineData(7)]
    public void A_zero_weight_gets_nothing(int seed) => Run(seed, (c, parts) =>
    {
        for (var i = 0; i < parts.Length; i++)
            if (c.Weights[i] == 0) Assert.Equal(0, parts[i].Minor);
    });

    [Theory, InlineData(8)]
    public void Among_equal_weights_the_earlier_index_never_gets_less(int seed) => Run(seed, (c, parts) =>
    {
        for (var i = 0; i < parts.Length; i++)
            for (var j = i + 1; j < parts.Length; j++)
                if (c.Weights[i] == c.Weights[j])
                    Assert.True(parts[i].Minor >= parts[j].Minor, $"Parts {i} and {j} have the same weight but {parts[i]} < {parts[j]}.");
    });

    [Theory, InlineData(9)]
    public void The_same_input_always_gives_the_same_parts(int seed) => Run(seed, (c, parts) =>
        Assert.Equal(parts, Allocation.Split(c.Total, c.Weights.ToArray())));

    [Theory, InlineData(10)]
    public void A_refund_splits_as_the_exact_mirror_of_the_charge(int seed) => Run(seed, (c, parts) =>
        Assert.Equal(parts.Select(p => -p.Minor), Allocation.Split(-c.Total, c.Weights).Select(p => p.Minor)));

    [Theory, InlineData(11)]
    public void Splitting_evenly_gives_parts_at_most_one_unit_apart_with_the_extra_first(int seed) =>
        Cases.Run(seed, CasesPerSeed, r => (Total: Cases.Total(r), Count: r.Next(1, 61)), c => $"{c.Total} in {c.Count}", c =>
        {
            var parts = Allocation.SplitEvenly(new Money(c.Total, Currency.USD), c.Count).Select(p => p.Minor).ToArray();
            var floor = c.Total / c.Count;
            var extra = (int)(c.Total % c.Count);
            Assert.Equal(Enumerable.Repeat(floor + 1, extra).Concat(Enumerable.Repeat(floor, c.Count - extra)), parts);
        });
}
