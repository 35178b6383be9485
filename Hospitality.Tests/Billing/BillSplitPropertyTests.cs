using System.Numerics;
using Hospitality.Domain.Billing;

namespace Hospitality.Tests.Billing;

/// <summary>The bill split's invariants in every mode over thousands of seeded random group orders.</summary>
public class BillSplitPropertyTests
{
    private const int CasesPerSeed = 1_500;

    private sealed record SplitCase(Bill Bill, SplitMode Mode, string[] Participants)
    {
        public long Items => Bill.Lines.Sum(l => l.UnitPrice.Minor * l.Quantity);
        public long Total => Items + Bill.Charges.Sum(c => c.Amount.Minor);
    }

    private static SplitCase Generate(Random random, string mode)
    {
        var currency = Cases.Currencies[random.Next(Cases.Currencies.Length)];
        // Ids without zero padding, so ordinal order ("p10" before "p2") differs from the numeric one.
        var people = Enumerable.Range(0, random.Next(1, 61)).Select(i => $"p{i}").ToArray();
        var priceCeiling = random.Next(3) switch { 0 => 10L, 1 => 100_000L, _ => 1_000_000_000_000L };
        var lines = people.SelectMany(p => Enumerable.Range(0, random.Next(4) == 0 ? 0 : random.Next(1, 4))
            .Select(_ => new OrderLine(p, random.Next(1, 6), new Money(random.NextInt64(0, priceCeiling), currency)))).ToArray();
        random.Shuffle(lines);
        var charges = Enumerable.Range(0, random.Next(0, 5))
            .Select(_ => new OrderCharge((ChargeKind)random.Next(4), new Money(random.Next(5) == 0 ? 0 : random.NextInt64(0, priceCeiling), currency)))
            .ToArray();
        var bill = new Bill(currency, lines, charges);
        var chosen = people.Where(_ => random.Next(3) > 0).DefaultIfEmpty(people[0]).ToArray();
        SplitMode splitMode = mode switch
        {
            "Equal" => new SplitMode.Equal(chosen),
            "ByItem" => new SplitMode.ByItem(people),
            "Shares" => new SplitMode.Shares(chosen.Zip(SomeAboveZero(Cases.Weights(random), chosen.Length)).ToDictionary()),
            _ => new SplitMode.Custom(CutInto(new SplitCase(bill, null!, []).Total, chosen, random, currency)),
        };
        return new SplitCase(bill, splitMode, mode == "ByItem" ? people : chosen);
    }

    private static long[] SomeAboveZero(long[] weights, int count)
    {
        var taken = weights.Concat(Enumerable.Repeat(1L, count)).Take(count).ToArray();
        if (taken.All(w => w == 0)) taken[0] = 1;
        return taken;
    }

    /// <summary>Random custom amounts adding up to the bill, cut at random points (not by the code under test).</summary>
    private static Dictionary<string, Money> CutInto(long total, string[] ids, Random random, Currency currency)
    {
        var cuts = ids.Skip(1).Select(_ => random.NextInt64(0, total + 1)).Append(0).Append(total).Order().ToArray();
        return ids.Select((id, i) => (id, amount: cuts[i + 1] - cuts[i])).ToDictionary(x => x.id, x => new Money(x.amount, currency));
    }

    private static string Describe(SplitCase c) =>
        $"{c.Mode.GetType().Name} among {string.Join(",", c.Participants)}; lines " +
        string.Join("; ", c.Bill.Lines.Select(l => $"{l.Owner} {l.Quantity}×{l.UnitPrice.Minor}")) +
        $"; charges {Cases.Show(c.Bill.Charges.Select(ch => ch.Amount.Minor))} {c.Bill.Currency}; mode {Weights(c.Mode)}";

    private static string Weights(SplitMode mode) => mode switch
    {
        SplitMode.Shares s => string.Join(",", s.Weights.Select(w => $"{w.Key}:{w.Value}")),
        SplitMode.Custom s => string.Join(",", s.Amounts.Select(w => $"{w.Key}:{w.Value.Minor}")),
        _ => "",
    };

    private static string Show(ParticipantShare p) =>
        $"{p.Participant} {p.Items.Minor} {Cases.Show(p.Charges.Select(c => c.Minor))} {p.Total.Minor}";

    public static TheoryData<string, int> Modes() => new()
    {
        { "Equal", 31 }, { "ByItem", 32 }, { "Shares", 33 }, { "Custom", 34 },
    };

    [Theory, MemberData(nameof(Modes))]
    public void Totals_add_up_to_the_bill_and_each_charge_to_itself_in_every_mode(string mode, int seed) =>
        Cases.Run(seed, CasesPerSeed, r => Generate(r, mode), Describe, c =>
        {
            var split = BillSplit.Split(c.Bill, c.Mode);
            Assert.Equal(c.Participants.Order(StringComparer.Ordinal), split.Participants.Select(p => p.Participant));
            Assert.Equal(c.Total, split.Total.Minor);
            Assert.Equal(c.Total, split.Participants.Sum(p => p.Total.Minor));
            Assert.Equal(c.Items, split.Participants.Sum(p => p.Items.Minor));
            for (var j = 0; j < c.Bill.Charges.Count; j++)
                Assert.Equal(c.Bill.Charges[j].Amount.Minor, split.Participants.Sum(p => p.Charges[j].Minor));
            foreach (var p in split.Participants)
            {
                Assert.Equal(p.Total.Minor, p.Items.Minor + p.Charges.Sum(x => x.Minor));
                Assert.All(p.Charges.Append(p.Items), x => Assert.True(x.Minor >= 0 && x.Currency == c.Bill.Currency, $"{Show(p)} has a bad part."));
            }
        });

    [Theory, MemberData(nameof(Modes))]
    public void Each_participant_pays_what_the_mode_promises(string mode, int seed) =>
        Cases.Run(seed + 10, CasesPerSeed, r => Generate(r, mode), Describe, c =>
        {
            var shares = BillSplit.Split(c.Bill, c.Mode).Participants;
            var components = c.Bill.Charges.Count + 1;
            foreach (var p in shares)
            {
                var (weight, weightSum) = Weight(c, p.Participant);
                if (c.Mode is SplitMode.ByItem)
                {
                    Assert.Equal(c.Bill.Lines.Where(l => l.Owner == p.Participant).Sum(l => l.UnitPrice.Minor * l.Quantity), p.Items.Minor);
                    Assert.True(Cases.WithinOneUnit(p.Charges.Sum(x => x.Minor), c.Bill.Charges.Sum(x => x.Amount.Minor), weight, weightSum), Show(p));
                }
                else if (c.Mode is SplitMode.Custom custom) Assert.Equal(custom.Amounts[p.Participant], p.Total);
                else Assert.True(Cases.WithinOneUnit(p.Total.Minor, c.Total, weight, weightSum), $"{Show(p)} is not its share {weight}/{weightSum}.");
                if (weight == 0) Assert.True(p.Total.Minor == (c.Mode is SplitMode.ByItem ? p.Items.Minor : 0), Show(p));
                // The breakdown follows the same proportion, each cell within a few units (see BillSplit's remarks).
                var parts = p.Charges.Select((x, j) => (x.Minor, c.Bill.Charges[j].Amount.Minor));
                if (c.Mode is not SplitMode.ByItem) parts = parts.Append((p.Items.Minor, c.Items));
                if (weightSum == 0) continue;  // a bill of zero: the first test already saw every part is zero
                Assert.All(parts, x => Assert.True(
                    BigInteger.Abs(x.Item1 * weightSum - x.Item2 * weight) < components * weightSum, $"{Show(p)} strays from {weight}/{weightSum}."));
            }
        });

    /// <summary>The participant's weight in the mode's own terms, and the sum of all weights.</summary>
    private static (BigInteger Weight, BigInteger Sum) Weight(SplitCase c, string id)
    {
        switch (c.Mode)
        {
            case SplitMode.Shares s: return (s.Weights[id], s.Weights.Values.Aggregate(BigInteger.Zero, (a, w) => a + w));
            case SplitMode.Custom s: return (s.Amounts[id].Minor, c.Total);
            case SplitMode.ByItem when c.Items > 0:
                return (c.Bill.Lines.Where(l => l.Owner == id).Sum(l => l.UnitPrice.Minor * l.Quantity), c.Items);
            default: return (1, c.Participants.Length);
        }
    }

    [Theory, MemberData(nameof(Modes))]
    public void The_same_order_in_any_order_gives_each_guest_the_same_share(string mode, int seed) =>
        Cases.Run(seed + 20, CasesPerSeed / 3, r => (Case: Generate(r, mode), Shuffle: new Random(r.Next())), x => Describe(x.Case), x =>
        {
            var (c, random) = x;
            var first = BillSplit.Split(c.Bill, c.Mode).Participants.Select(Show).ToArray();
            Assert.Equal(first, BillSplit.Split(c.Bill, c.Mode).Participants.Select(Show));
            var lines = c.Bill.Lines.ToArray();
            random.Shuffle(lines);
            var shuffled = c.Bill with { Lines = lines };
            Assert.Equal(first, BillSplit.Split(shuffled, Permuted(c.Mode, random)).Participants.Select(Show));
            var guest = first[random.Next(first.Length)];
            Assert.Equal(guest, Show(BillSplit.ShareOf(shuffled, c.Mode, guest.Split(' ')[0])));
        });

    private static SplitMode Permuted(SplitMode mode, Random random) => mode switch
    {
        SplitMode.Equal m => new SplitMode.Equal(Shuffled(m.Participants, random)),
        SplitMode.ByItem m => new SplitMode.ByItem(Shuffled(m.Participants, random)),
        SplitMode.Shares m => new SplitMode.Shares(Shuffled(m.Weights.ToArray(), random).ToDictionary()),
        SplitMode.Custom m => new SplitMode.Custom(Shuffled(m.Amounts.ToArray(), random).ToDictionary()),
        _ => mode,
    };

    private static T[] Shuffled<T>(IEnumerable<T> items, Random random)
    {
        var array = items.ToArray();
        random.Shuffle(array);
        return array;
    }
}
