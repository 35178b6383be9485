using Hospitality.Domain;
using Hospitality.Domain.Billing;
using Hospitality.Domain.MachineOrders;

namespace Hospitality.Tests.MachineOrders;

/// <summary>Given a sale's events, when a command, then events or a readable refusal. No store, no clock.</summary>
public class MachineOrderDecisionTests
{
    private static readonly Guid Id = Guid.NewGuid(), Machine = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private static RecordSale Sale(IReadOnlyList<MachineOrderLineInput>? items = null, PaymentMethod? method = PaymentMethod.Card,
        PaymentStatus? status = PaymentStatus.Paid, Currency? currency = null, string? sentCurrency = null, string machineOrderId = "m-1",
        MachineFault? fault = null, string? message = null, DateTimeOffset? placedAt = null) =>
        new(Id, Machine, "Bar espresso", "bar", currency ?? Currency.USD, machineOrderId,
            items ?? [new("Latte", 2, "3.50"), new("Espresso", 1, "2")], sentCurrency, method, status, fault, message, placedAt, T0);

    private static MachineOrder Given(RecordSale? sale = null, params object[] more)
    {
        MachineOrder? order = null;
        object[] events = [.. MachineOrderDecisions.Decide(null, sale ?? Sale()), .. more];
        for (var i = 0; i < events.Length; i++) order = MachineOrder.Fold(order, events[i], i + 1);
        return order!;
    }

    private static MachineOrder Refund(MachineOrder order, string? amount, string reason = "Cold coffee") =>
        MachineOrderDecisions.Decide(order, new RefundSale(amount, reason, "Sam", T0)).Aggregate(order, (o, e) => MachineOrder.Fold(o, e, o.Version + 1)!);

    private static string Refusal(Action act) => Assert.Throws<DomainException>(act).Message;

    [Fact]
    public void A_sale_totals_its_lines_exactly_in_minor_units_of_the_locations_currency()
    {
        var placed = Assert.IsType<MachineOrderPlaced>(Assert.Single(MachineOrderDecisions.Decide(null, Sale())));
        Assert.Equal((900L, "USD"), (placed.TotalMinor, placed.Currency));
        Assert.Equal([350L, 200L], placed.Items.Select(i => i.UnitPriceMinor));
        var kuwait = (MachineOrderPlaced)MachineOrderDecisions.Decide(null, Sale([new("Qahwa", 3, "0.125")], currency: Currency.KWD, sentCurrency: "kwd"))[0];
        Assert.Equal(375L, kuwait.TotalMinor);
        Assert.Equal(T0, placed.PlacedAt);   // no machine clock sent: the server's time
    }

    [Theory]
    [InlineData("", 1, "1.00", "'items[0].name' is required")]
    [InlineData("Latte", 0, "1.00", "'items[0].quantity' must be between 1 and 99")]
    [InlineData("Latte", 100, "1.00", "'items[0].quantity' must be between 1 and 99")]
    [InlineData("Latte", 1, "1.005", "'items[0].unitPrice' is not valid")]
    [InlineData("Latte", 1, "-1", "'items[0].unitPrice' is not valid")]
    [InlineData("Latte", 1, "1e3", "'items[0].unitPrice' is not valid")]
    [InlineData("Latte", 1, "1000.01", "'items[0].unitPrice' can be at most 1000.00 USD")]
    public void Each_line_is_bounded_and_refused_naming_its_field(string name, int quantity, string price, string refusal) =>
        Assert.Contains(refusal, Refusal(() => MachineOrderDecisions.Decide(null, Sale([new(name, quantity, price)]))));

    [Fact]
    public void A_sale_is_refused_without_lines_payment_or_an_id_and_with_too_many_lines_a_foreign_currency_or_a_clock_far_off()
    {
        Assert.Contains("'items' is required", Refusal(() => MachineOrderDecisions.Decide(null, Sale([]))));
        Assert.Contains("at most 20 'items'", Refusal(() => MachineOrderDecisions.Decide(null, Sale([.. Enumerable.Repeat(new MachineOrderLineInput("Latte", 1, "1"), 21)]))));
        Assert.Contains("'paymentMethod' is required", Refusal(() => MachineOrderDecisions.Decide(null, Sale(method: null))));
        Assert.Contains("'paymentStatus' is required", Refusal(() => MachineOrderDecisions.Decide(null, Sale(status: null))));
        Assert.Contains("partial refunds are made by staff", Refusal(() => MachineOrderDecisions.Decide(null, Sale(status: PaymentStatus.PartiallyRefunded))));
        Assert.Contains("'currency' must be this location's, USD", Refusal(() => MachineOrderDecisions.Decide(null, Sale(sentCurrency: "EUR"))));
        Assert.Contains("'machineOrderId' is required", Refusal(() => MachineOrderDecisions.Decide(null, Sale(machineOrderId: " "))));
        Assert.Contains("'machineOrderId' must be", Refusal(() => MachineOrderDecisions.Decide(null, Sale(machineOrderId: "a/b"))));
        Assert.Contains("'machineOrderId' must be", Refusal(() => MachineOrderDecisions.Decide(null, Sale(machineOrderId: new string('a', 65)))));
        Assert.Contains("in the future", Refusal(() => MachineOrderDecisions.Decide(null, Sale(placedAt: T0.AddMinutes(6)))));
        Assert.Contains("more than 30 days ago", Refusal(() => MachineOrderDecisions.Decide(null, Sale(placedAt: T0.AddDays(-31)))));
        Assert.Contains("A free sale costs nothing", Refusal(() => MachineOrderDecisions.Decide(null, Sale(method: PaymentMethod.Free))));
        Assert.Contains("recorded already", Refusal(() => MachineOrderDecisions.Decide(Given(), Sale())));
    }

    [Fact]
    public void A_fault_needs_its_kind_and_a_bounded_message()
    {
        var faulted = (MachineOrderPlaced)MachineOrderDecisions.Decide(null, Sale(status: PaymentStatus.Failed, fault: MachineFault.BrewFailed, message: " Boiler cold "))[0];
        Assert.Equal(new MachineOrderException(MachineFault.BrewFailed, "Boiler cold"), faulted.Exception);
        Assert.Contains("'exception.kind' is required", Refusal(() => MachineOrderDecisions.Decide(null, Sale(message: "jammed"))));
        Assert.Contains("at most 500", Refusal(() => MachineOrderDecisions.Decide(null, Sale(fault: MachineFault.Other, message: new string('x', 501)))));
    }

    [Fact]
    public void Partial_refunds_add_up_to_the_total_and_never_beyond()
    {
        var order = Refund(Given(), "2.50");
        Assert.Equal((250L, 650L, PaymentStatus.PartiallyRefunded), (order.RefundedMinor, order.RefundableMinor, order.PaymentStatus));
        order = Refund(order, "6");
        Assert.Contains("Only 0.50 USD of this sale is left to refund; 0.51 USD is more than that", Refusal(() => Refund(order, "0.51")));
        order = Refund(order, null);   // all that is left
        Assert.Equal((900L, 0L, PaymentStatus.Refunded), (order.RefundedMinor, order.RefundableMinor, order.PaymentStatus));
        Assert.Equal(order.TotalMinor, order.Refunds.Sum(r => r.AmountMinor));
        Assert.Equal([250L, 600L, 50L], order.Refunds.Select(r => r.AmountMinor));
        Assert.Contains("refunded in full already", Refusal(() => Refund(order, "0.01")));
    }

    [Fact]
    public void A_refund_needs_a_reason_a_positive_amount_and_a_paid_sale()
    {
        Assert.Contains("'reason' is required", Refusal(() => Refund(Given(), "1", " ")));
        Assert.Contains("'reason' can be at most 200", Refusal(() => Refund(Given(), "1", new string('r', 201))));
        Assert.Contains("'amount' must be more than 0.00 USD", Refusal(() => Refund(Given(), "0")));
        Assert.Contains("'amount' is not valid", Refusal(() => Refund(Given(), "1.001")));
        Assert.Contains("Only 9.00 USD", Refusal(() => Refund(Given(), "9.01")));
        Assert.Contains("this one is failed", Refusal(() => Refund(Given(Sale(status: PaymentStatus.Failed)), null)));
        Assert.Contains("this one is pending", Refusal(() => Refund(Given(Sale(status: PaymentStatus.Pending)), null)));
        Assert.Contains("refunded in full already", Refusal(() => Refund(Given(Sale(status: PaymentStatus.Refunded)), null)));
        var free = Given(Sale([new("Water", 1, "0")], PaymentMethod.Free));
        Assert.Contains("Nothing of this sale is left", Refusal(() => Refund(free, null)));
    }

    [Fact]
    public void A_sale_takes_at_most_twenty_refunds()
    {
        var order = Given();
        for (var i = 0; i < MachineOrderDecisions.MaxRefunds; i++) order = Refund(order, "0.01");
        Assert.Contains("at most 20 refunds", Refusal(() => Refund(order, "0.01")));
    }

    [Fact]
    public void A_repeat_of_the_same_sale_has_the_same_fingerprint_and_a_different_sale_does_not()
    {
        var first = (MachineOrderPlaced)MachineOrderDecisions.Decide(null, Sale())[0];
        var retried = (MachineOrderPlaced)MachineOrderDecisions.Decide(null, Sale() with { At = T0.AddSeconds(30) })[0];
        var other = (MachineOrderPlaced)MachineOrderDecisions.Decide(null, Sale([new("Latte", 2, "3.50"), new("Espresso", 1, "2.10")]))[0];
        Assert.Equal(MachineOrder.FingerprintOf(first), MachineOrder.FingerprintOf(retried));
        Assert.NotEqual(MachineOrder.FingerprintOf(first), MachineOrder.FingerprintOf(other));
    }
}
