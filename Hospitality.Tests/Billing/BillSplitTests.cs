using Hospitality.Domain.Billing;
using Hospitality.Domain;

namespace Hospitality.Tests.Billing;

public class BillSplitTests
{
    private static Money Usd(string amount) => Money.Parse(amount, Currency.USD);

    private static OrderLine Line(string owner, int quantity, string unitPrice) => new(owner, quantity, Usd(unitPrice));

    private static Bill Bill(OrderLine[] lines, params OrderCharge[] charges) => new(Currency.USD, lines, charges);

    private static string[] Totals(BillSplitResult split) => split.Participants.Select(p => $"{p.Participant} {p.Total.Amount()}").ToArray();

    private static DomainException Refused(Bill bill, SplitMode mode) => Assert.Throws<DomainException>(() => BillSplit.Split(bill, mode));

    private static readonly Bill Dinner = Bill(
        [Line("ana", 2, "10.00"), Line("ben", 1, "10.00")],
        new OrderCharge(ChargeKind.Tax, Usd("3.00")), new OrderCharge(ChargeKind.Tip, Usd("6.00")));

    [Fact]
    public void An_equal_split_keeps_totals_a_cent_apart_even_with_several_charges()
    {
        // Items 10.00, tax 1.00, tip 1.00 among three: each pays 4.00. Splitting each charge on its own would have
        // asked 4.02, 3.99, 3.99, one extra cent per charge for the first guest.
        var bill = Bill([Line("ana", 1, "10.00")], new OrderCharge(ChargeKind.Tax, Usd("1.00")), new OrderCharge(ChargeKind.Tip, Usd("1.00")));
        var split = BillSplit.Split(bill, new SplitMode.Equal(["cy", "ana", "ben"]));
        Assert.Equal(["ana 4.00", "ben 4.00", "cy 4.00"], Totals(split));
        Assert.Equal(Usd("12.00"), split.Total);
        Assert.Equal([Usd("1.00"), Usd("1.00")], [split.Participants.Aggregate(Money.Zero(Currency.USD), (s, p) => s + p.Charges[0]),
            split.Participants.Aggregate(Money.Zero(Currency.USD), (s, p) => s + p.Charges[1])]);
    }

    [Fact]
    public void An_equal_split_of_a_hundred_dollars_gives_the_extra_cent_to_the_first_id()
    {
        var split = BillSplit.Split(Bill([Line("ben", 1, "100.00")]), new SplitMode.Equal(["ben", "cy", "ana"]));
        Assert.Equal(["ana 33.34", "ben 33.33", "cy 33.33"], Totals(split));
    }

    [Fact]
    public void By_item_each_pays_their_lines_and_the_charges_follow_their_subtotal()
    {
        var split = BillSplit.Split(Dinner, new SplitMode.ByItem(["ana", "ben", "cy"]));
        var ana = split.Participants[0];
        Assert.Equal((Usd("20.00"), Usd("2.00"), Usd("4.00"), Usd("26.00")), (ana.Items, ana.Charges[0], ana.Charges[1], ana.Total));
        Assert.Equal(["ana 26.00", "ben 13.00", "cy 0.00"], Totals(split));
    }

    [Fact]
    public void By_item_with_no_items_at_all_shares_the_charges_equally()
    {
        var bill = Bill([], new OrderCharge(ChargeKind.DeliveryFee, Usd("5.00")));
        Assert.Equal(["ana 1.67", "ben 1.67", "cy 1.66"], Totals(BillSplit.Split(bill, new SplitMode.ByItem(["ana", "ben", "cy"]))));
    }

    [Fact]
    public void By_item_refuses_a_line_whose_owner_is_not_in_the_split() =>
        Assert.Equal("Line 2 belongs to \"ben\", who is not in this split.", Refused(Dinner, new SplitMode.ByItem(["ana"])).Message);

    [Fact]
    public void Shares_split_the_whole_bill_two_to_one_to_one_and_a_zero_share_pays_nothing()
    {
        var split = BillSplit.Split(Dinner, new SplitMode.Shares(new Dictionary<string, long> { ["ana"] = 2, ["ben"] = 1, ["cy"] = 1, ["dee"] = 0 }));
        Assert.Equal(["ana 19.50", "ben 9.75", "cy 9.75", "dee 0.00"], Totals(split));
    }

    [Fact]
    public void Custom_amounts_that_add_up_to_the_bill_are_kept_as_given()
    {
        var split = BillSplit.Split(Dinner, new SplitMode.Custom(new Dictionary<string, Money> { ["ben"] = Usd("9.00"), ["ana"] = Usd("30.00") }));
        Assert.Equal(["ana 30.00", "ben 9.00"], Totals(split));
    }

    [Theory]
    [InlineData("20.00", "21.20", "The custom amounts add up to 41.20 USD; the bill is 42.00 USD (0.80 short).")]
    [InlineData("20.00", "22.80", "The custom amounts add up to 42.80 USD; the bill is 42.00 USD (0.80 over).")]
    public void Custom_amounts_that_miss_the_bill_are_refused_naming_the_difference(string ana, string ben, string reason)
    {
        var bill = Bill([Line("ana", 1, "40.00")], new OrderCharge(ChargeKind.ServiceCharge, Usd("2.00")));
        var error = Refused(bill, new SplitMode.Custom(new Dictionary<string, Money> { ["ana"] = Usd(ana), ["ben"] = Usd(ben) }));
        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Equal(reason, error.Message);
    }

    [Fact]
    public void A_bill_that_mixes_currencies_is_refused()
    {
        var euroLine = Bill([Line("ana", 1, "1.00"), new OrderLine("ben", 1, Money.Parse("1.00", Currency.EUR))]);
        Assert.Equal("The unit price on line 2 is in EUR; the bill is in USD.", Refused(euroLine, new SplitMode.Equal(["ana"])).Message);
        var euroTip = Bill([Line("ana", 1, "1.00")], new OrderCharge(ChargeKind.Tip, Money.Parse("1.00", Currency.EUR)));
        Assert.Equal("The tip is in EUR; the bill is in USD.", Refused(euroTip, new SplitMode.Equal(["ana"])).Message);
        var euroShare = new SplitMode.Custom(new Dictionary<string, Money> { ["ana"] = Money.Parse("1.00", Currency.EUR) });
        Assert.Equal("The amount for \"ana\" is in EUR; the bill is in USD.", Refused(Bill([Line("ana", 1, "1.00")]), euroShare).Message);
    }

    [Theory]
    [InlineData(0, 100, "Line 1 of the bill has quantity 0; it must be at least 1.")]
    [InlineData(1, -100, "The unit price on line 1 is -1.00 USD; amounts on a bill cannot be negative.")]
    public void A_line_without_a_sensible_quantity_or_price_is_refused(int quantity, long unitPrice, string reason) =>
        Assert.Equal(reason, Refused(Bill([new OrderLine("ana", quantity, new Money(unitPrice, Currency.USD))]), new SplitMode.Equal(["ana"])).Message);

    [Fact]
    public void Participants_must_be_named_once_and_shares_must_share_something()
    {
        Assert.Equal("Choose at least one participant to split the bill.", Refused(Dinner, new SplitMode.Equal([])).Message);
        Assert.Equal("\"ana\" is listed twice in the split.", Refused(Dinner, new SplitMode.Equal(["ana", "ben", "ana"])).Message);
        Assert.Equal("At least one participant needs a share above zero.",
            Refused(Dinner, new SplitMode.Shares(new Dictionary<string, long> { ["ana"] = 0 })).Message);
        Assert.Equal("The share for \"ben\" is -1; shares cannot be negative.",
            Refused(Dinner, new SplitMode.Shares(new Dictionary<string, long> { ["ana"] = 2, ["ben"] = -1 })).Message);
    }

    [Fact]
    public void A_guest_previews_exactly_the_share_the_whole_split_gives_them()
    {
        var mode = new SplitMode.Equal(["ana", "ben", "cy"]);
        var whole = BillSplit.Split(Dinner, mode);
        var preview = BillSplit.ShareOf(Dinner, mode, "ben");
        Assert.Equal((whole.Participants[1].Items, whole.Participants[1].Total), (preview.Items, preview.Total));
        Assert.Equal(whole.Participants[1].Charges, preview.Charges);
        Assert.Equal(DomainErrorKind.NotFound, Assert.Throws<DomainException>(() => BillSplit.ShareOf(Dinner, mode, "dee")).Kind);
    }

    [Fact]
    public void Participants_come_back_in_ordinal_id_order() =>
        Assert.Equal(["B", "a", "b"], BillSplit.Split(Dinner, new SplitMode.Equal(["b", "B", "a"])).Participants.Select(p => p.Participant));
}
