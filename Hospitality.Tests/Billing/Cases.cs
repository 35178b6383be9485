using System.Numerics;
using Hospitality.Domain.Billing;
using Xunit.Sdk;

namespace Hospitality.Tests.Billing;

/// <summary>Seeded random cases: each case has its own seed, printed on failure, so one failing case replays alone.</summary>
internal static class Cases
{
    public static readonly Currency[] Currencies = [Currency.JPY, Currency.USD, Currency.KWD];

    public static void Run<TCase>(int seed, int count, Func<Random, TCase> generate, Func<TCase, string> describe, Action<TCase> check)
    {
        for (var i = 0; i < count; i++)
        {
            var caseSeed = seed * 100_000 + i;
            var @case = generate(new Random(caseSeed));
            try { check(@case); }
            catch (Exception e)
            {
                throw new XunitException($"Case {i} of seed {seed} (new Random({caseSeed})) failed: {describe(@case)}{Environment.NewLine}{e.Message}");
            }
        }
    }

    /// <summary>Totals from nothing to the largest long, weighted towards the small amounts bills have.</summary>
    public static long Total(Random random) => random.Next(6) switch
    {
        0 => random.Next(3),
        1 => random.NextInt64(0, 1_000),
        2 => random.NextInt64(0, 10_000_000),
        3 => random.NextInt64(0, long.MaxValue),
        4 => long.MaxValue - random.NextInt64(0, 1_000),
        _ => random.NextInt64(0, 1_000_000_000_000),
    };

    /// <summary>1 to 60 weights, about a quarter of them zero, at least one above zero; small, medium or up to long.MaxValue.</summary>
    public static long[] Weights(Random random)
    {
        var count = random.Next(1, 61);
        var ceiling = random.Next(3) switch { 0 => 10L, 1 => 1_000_000L, _ => long.MaxValue };
        var weights = new long[count];
        for (var i = 0; i < count; i++) weights[i] = random.Next(4) == 0 ? 0 : random.NextInt64(1, ceiling);
        if (weights.All(w => w == 0)) weights[random.Next(count)] = random.NextInt64(1, ceiling);
        return weights;
    }

    /// <summary>True when part is within one minor unit of total·weight/Σweights, checked exactly: |part·Σw − total·w| &lt; Σw.</summary>
    public static bool WithinOneUnit(long part, BigInteger total, BigInteger weight, BigInteger weightSum) =>
        BigInteger.Abs(part * weightSum - total * weight) < weightSum;

    public static string Show(IEnumerable<long> values) => "[" + string.Join(", ", values) + "]";
}
