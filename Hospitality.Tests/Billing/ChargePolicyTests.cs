using System.Numerics;
using System.Text.Json;
using Hospitality.Domain;
using Hospitality.Domain.Billing;
using Hospitality.Domain.Orders;

namespace Hospitality.Tests.Billing;

/// <summary>A location's tax and service charge on an order: examples, edges, and properties over random orders.</summary>
public class ChargePolicyTests
{
    private static readonly ChargePolicy Downtown = new(TaxBasisPoints: 825, ServiceChargeBasisPoints: 1800);

    private static Money Usd(long minor) => new(minor, Currency.USD);

    private static (ChargeKind, long)[] Show(IReadOnlyList<OrderCharge> charges) => [.. charges.Select(c => (c.Kind, c.Amount.Minor))];

    [Fact]
    public void Service_is_on_the_subtotal_tax_on_subtotal_and_service_and_the_tip_comes_last_untaxed()
    {
        var charges = Downtown.ChargesFor(OrderType.DineIn, Usd(10_000), Usd(500));

        // 18% of 100.00 = 18.00; 8.25% of 118.00 = 9.735, rounded half away from zero to 9.74; the tip as given.
        Assert.Equal([(ChargeKind.ServiceCharge, 1_800L), (ChargeKind.Tax, 974L), (ChargeKind.Tip, 500L)], Show(charges));
        Assert.All(charges, c => Assert.Equal(Currency.USD, c.Amount.Currency));
    }

    [Fact]
    public void Only_dine_in_pays_a_dine_in_only_service_charge_and_a_charge_on_every_order_type_reaches_takeaway_and_delivery()
    {
        Assert.Equal([(ChargeKind.Tax, 825L)], Show(Downtown.ChargesFor(OrderType.Takeaway, Usd(10_000), Usd(0))));
        Assert.Equal([(ChargeKind.Tax, 825L)], Show(Downtown.ChargesFor(OrderType.Delivery, Usd(10_000), Usd(0))));
        var everywhere = Downtown with { ServiceChargeDineInOnly = false };
        Assert.All(Enum.GetValues<OrderType>(), type => Assert.True(everywhere.ServiceApplies(type)));
        Assert.Equal([(ChargeKind.ServiceCharge, 1_800L), (ChargeKind.Tax, 974L)], Show(everywhere.ChargesFor(OrderType.Delivery, Usd(10_000), Usd(0))));
        Assert.False(new ChargePolicy(825, 0, ServiceChargeDineInOnly: false).ServiceApplies(OrderType.DineIn));
    }

    [Fact]
    public void Zero_charges_are_left_out_so_no_policy_and_no_tip_is_no_charges()
    {
        Assert.Empty(ChargePolicy.None.ChargesFor(OrderType.DineIn, Usd(10_000), Usd(0)));
        Assert.Equal([(ChargeKind.Tip, 100L)], Show(ChargePolicy.None.ChargesFor(OrderType.DineIn, Usd(10_000), Usd(100))));
        Assert.Empty(Downtown.ChargesFor(OrderType.DineIn, Usd(0), Usd(0)));
        // 8.25% of 0.06 is 0.00495: rounds to nothing, and is left out.
        Assert.Empty(new ChargePolicy(825, 0).ChargesFor(OrderType.DineIn, Usd(6), Usd(0)));
    }

    [Theory]
    [InlineData("JPY", 1_234, 1_000, 123)]    // 123.4 yen
    [InlineData("JPY", 10, 500, 1)]           // 0.5 yen: half goes up
    [InlineData("JPY", 1_234, 1_050, 130)]    // 129.57 yen
    [InlineData("USD", 6, 825, 0)]            // 0.00495
    [InlineData("USD", 1_000, 825, 83)]       // 0.825: half goes up
    [InlineData("USD", 999, 825, 82)]         // 0.824175
    [InlineData("KWD", 1_005, 825, 83)]       // 0.0829125 KWD
    [InlineData("KWD", 2_000, 10_000, 2_000)] // 100%
    [InlineData("KWD", 2_000, 1, 0)]          // 0.01% of 2 KWD: 0.2 fils
    public void A_rate_is_rounded_to_the_minor_unit_half_away_from_zero_in_0_2_and_3_decimal_currencies(string code, long minor, int basisPoints, long expected)
    {
        var currency = Currency.Of(code);
        Assert.Equal(new Money(expected, currency), ChargePolicy.Percent(new Money(minor, currency), basisPoints));
        Assert.Equal(new Money(-expected, currency), ChargePolicy.Percent(new Money(-minor, currency), basisPoints));
    }

    [Fact]
    public void The_largest_subtotal_still_gets_an_exact_charge()
    {
        Assert.Equal(Usd(long.MaxValue), ChargePolicy.Percent(Usd(long.MaxValue), 10_000));
        // 9223372036854775807 · 5000 / 10000 = 4611686018427387903.5: half away from zero.
        Assert.Equal(Usd(4_611_686_018_427_387_904), ChargePolicy.Percent(Usd(long.MaxValue), 5_000));
    }

    [Theory]
    [InlineData(10_001, 0, "tax rate", "100%")]
    [InlineData(-1, 0, "tax rate", "100%; it was -0.01%")]
    [InlineData(0, 5_001, "service charge rate", "50%")]
    [InlineData(0, int.MinValue, "service charge rate", "50%")]
    public void A_rate_out_of_range_is_refused_naming_it(int tax, int service, string name, string limit)
    {
        var error = Assert.Throws<DomainException>(() => new ChargePolicy(tax, service));
        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Contains($"The {name} must be between 0% and {limit}", error.Message);
    }

    [Fact]
    public void The_highest_rates_are_accepted_and_with_or_json_cannot_sneak_an_invalid_rate_in()
    {
        var highest = new ChargePolicy(ChargePolicy.MaxTaxBasisPoints, ChargePolicy.MaxServiceChargeBasisPoints);
        Assert.Equal((10_000, 5_000), (highest.TaxBasisPoints, highest.ServiceChargeBasisPoints));
        Assert.Contains("service charge rate", Assert.Throws<DomainException>(() => highest with { ServiceChargeBasisPoints = 5_001 }).Message);
        Assert.Contains("tax rate", Assert.Throws<DomainException>(() =>
            JsonSerializer.Deserialize<ChargePolicy>("""{"taxBasisPoints":20000,"serviceChargeBasisPoints":0}""", JsonSerializerOptions.Web)).Message);
        Assert.Equal(Downtown, JsonSerializer.Deserialize<ChargePolicy>(JsonSerializer.Serialize(Downtown, JsonSerializerOptions.Web), JsonSerializerOptions.Web));
    }

    [Fact]
    public void A_tip_in_another_currency_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => Downtown.ChargesFor(OrderType.DineIn, Usd(100), new Money(1, Currency.EUR)));
        Assert.Contains("EUR", error.Message);
    }

    [Theory]
    [InlineData("8.25", 825)]
    [InlineData(" 8.25 ", 825)]
    [InlineData("10", 1_000)]
    [InlineData("12.5%", 1_250)]
    [InlineData("0.01", 1)]
    [InlineData("100.00", 10_000)]
    [InlineData("007", 700)]
    [InlineData("0", 0)]
    [InlineData("", 0)]
    [InlineData(null, 0)]
    public void A_rate_typed_as_percent_is_read_exactly_into_basis_points(string? text, int expected) =>
        Assert.Equal(expected, ChargePolicy.ParsePercent(text, "tax rate"));

    [Theory]
    [InlineData("8.255", "at most 2")]
    [InlineData("8,25", "not a percentage")]
    [InlineData("-1", "not a percentage")]
    [InlineData("8.", "not a percentage")]
    [InlineData(".5", "not a percentage")]
    [InlineData("1e3", "not a percentage")]
    [InlineData("99999999", "far above")]
    public void A_rate_that_is_not_an_exact_percentage_is_refused_naming_the_rate(string text, string expected)
    {
        var error = Assert.Throws<DomainException>(() => ChargePolicy.ParsePercent(text, "service charge rate"));
        Assert.Contains("service charge rate", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Every_rate_in_range_is_shown_as_percent_text_that_reads_back_to_itself()
    {
        Assert.Equal(["8.25", "10", "12.5", "0", "0.01", "100"], new[] { 825, 1_000, 1_250, 0, 1, 10_000 }.Select(ChargePolicy.FormatPercent));
        for (var bp = 0; bp <= ChargePolicy.MaxTaxBasisPoints; bp++)
            Assert.Equal(bp, ChargePolicy.ParsePercent(ChargePolicy.FormatPercent(bp), "tax rate"));
    }

    private sealed record OrderCase(ChargePolicy Policy, OrderType Type, Money Subtotal, Money Tip, int Guests);

    private static OrderCase Generate(Random random)
    {
        var currency = Cases.Currencies[random.Next(Cases.Currencies.Length)];
        var policy = new ChargePolicy(random.Next(4) == 0 ? 0 : random.Next(ChargePolicy.MaxTaxBasisPoints + 1),
            random.Next(4) == 0 ? 0 : random.Next(ChargePolicy.MaxServiceChargeBasisPoints + 1), random.Next(2) == 0);
        // Up to a quarter of long.MaxValue, so that subtotal, service, tax and tip always fit in a bill.
        var subtotal = Math.Min(Cases.Total(random), long.MaxValue / 4);
        var tip = random.Next(3) == 0 ? 0 : random.NextInt64(0, subtotal / 4 + 1);
        return new OrderCase(policy, Enum.GetValues<OrderType>()[random.Next(3)], new Money(subtotal, currency), new Money(tip, currency), random.Next(1, 40));
    }

    private static string Describe(OrderCase c) =>
        $"{c.Policy}, {c.Type}, subtotal {c.Subtotal.Minor} {c.Subtotal.Currency}, tip {c.Tip.Minor}, {c.Guests} guests";

    /// <summary>|charge · 10000 − base · bp| ≤ 5000, and exactly at 5000 the charge is the one away from zero: checked exactly.</summary>
    private static void AssertRounded(long charge, long @base, int basisPoints)
    {
        var gap = new BigInteger(charge) * 10_000 - new BigInteger(@base) * basisPoints;
        Assert.True(BigInteger.Abs(gap) < 5_000 || gap == 5_000, $"{charge} is not {@base}·{basisPoints}/10000 rounded half away from zero.");
    }

    [Theory, InlineData(1), InlineData(2)]
    public void Each_charge_is_its_rate_of_its_base_rounded_half_away_from_zero(int seed) =>
        Cases.Run(seed, 4_000, Generate, Describe, c =>
        {
            var charges = c.Policy.ChargesFor(c.Type, c.Subtotal, c.Tip);
            long Of(ChargeKind kind) => charges.SingleOrDefault(x => x.Kind == kind)?.Amount.Minor ?? 0;
            var service = Of(ChargeKind.ServiceCharge);
            AssertRounded(service, c.Policy.ServiceApplies(c.Type) ? c.Subtotal.Minor : 0, c.Policy.ServiceChargeBasisPoints);
            AssertRounded(Of(ChargeKind.Tax), c.Subtotal.Minor + service, c.Policy.TaxBasisPoints);
            Assert.Equal(c.Tip.Minor, Of(ChargeKind.Tip));
            Assert.All(charges, x => Assert.True(x.Amount.Minor > 0));
            int[] ranks = [.. charges.Select(x => x.Kind switch { ChargeKind.ServiceCharge => 0, ChargeKind.Tax => 1, _ => 2 })];
            Assert.Equal(ranks.Order(), ranks);   // service charge, tax, tip
        });

    [Theory, InlineData(3), InlineData(4)]
    public void A_bill_with_the_charges_splits_equally_and_by_item_into_parts_that_add_up_to_subtotal_plus_charges(int seed) =>
        Cases.Run(seed, 1_000, Generate, Describe, c =>
        {
            var charges = c.Policy.ChargesFor(c.Type, c.Subtotal, c.Tip);
            var guests = Enumerable.Range(0, c.Guests).Select(i => $"guest-{i:D2}").ToArray();
            var bill = new Bill(c.Subtotal.Currency, [new Hospitality.Domain.Billing.OrderLine(guests[0], 1, c.Subtotal)], charges);
            var total = charges.Aggregate(c.Subtotal, (sum, x) => sum + x.Amount);
            foreach (SplitMode mode in new SplitMode[] { new SplitMode.Equal(guests), new SplitMode.ByItem(guests) })
            {
                var split = BillSplit.Split(bill, mode);
                Assert.Equal(total, split.Total);
                Assert.Equal(total.Minor, split.Participants.Sum(p => p.Total.Minor));
                for (var k = 0; k < charges.Count; k++)
                    Assert.Equal(charges[k].Amount.Minor, split.Participants.Sum(p => p.Charges[k].Minor));
            }
        });
}
