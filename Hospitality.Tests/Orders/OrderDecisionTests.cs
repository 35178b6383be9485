using Hospitality.Domain;
using Hospitality.Domain.Billing;
using Hospitality.Domain.Orders;
using OrderLine = Hospitality.Domain.Orders.OrderLine;

namespace Hospitality.Tests.Orders;

/// <summary>Given an order's events, when a command, then events or a readable refusal.</summary>
public class OrderDecisionTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 20, 0, 0, TimeSpan.Zero);
    private static readonly OrderLine Tea = new(Guid.NewGuid(), "Mint tea", 2, 350);

    private static Order Given(OrderType type, params object[] more)
    {
        Order? order = null;
        object[] events = [new OrderPlaced(Id, "bar", type, null, [Tea], "USD", 100, "4", T0), .. more];
        for (var i = 0; i < events.Length; i++) order = Order.Fold(order, events[i], i + 1);
        return order!;
    }

    private static DomainException Refused(Order? order, OrderCommand command) =>
        Assert.Throws<DomainException>(() => OrderDecisions.Decide(order, command));

    [Fact]
    public void A_placed_order_totals_its_lines_and_tip_and_waits_as_pending()
    {
        var order = Given(OrderType.DineIn);
        Assert.Equal((700L, 100L, 800L, OrderStatus.Pending), (order.SubtotalMinor, order.TipMinor, order.TotalMinor, order.Status));
    }

    [Fact]
    public void An_order_moves_one_step_at_a_time_and_delivery_ends_delivered_while_dine_in_ends_completed()
    {
        var delivery = Given(OrderType.Delivery, new OrderAdvanced(Id, OrderStatus.Confirmed, T0), new OrderAdvanced(Id, OrderStatus.Preparing, T0),
            new OrderAdvanced(Id, OrderStatus.Ready, T0));
        Assert.Equal(OrderStatus.Delivered, delivery.Next);
        Assert.Equal(OrderStatus.Completed, Given(OrderType.DineIn, new OrderAdvanced(Id, OrderStatus.Confirmed, T0),
            new OrderAdvanced(Id, OrderStatus.Preparing, T0), new OrderAdvanced(Id, OrderStatus.Ready, T0)).Next);
        Assert.Contains("can only become confirmed next, not ready", Refused(Given(OrderType.DineIn), new AdvanceOrder(OrderStatus.Ready, T0)).Message);
        var done = Given(OrderType.Takeaway, new OrderCancelled(Id, "Guest left", T0));
        Assert.Contains("does not move on", Refused(done, new AdvanceOrder(OrderStatus.Confirmed, T0)).Message);
        Assert.Contains("can no longer be cancelled", Refused(done, new CancelOrder("again", T0)).Message);
    }

    [Theory]
    [InlineData(0, "between 1 and 50")]
    [InlineData(51, "between 1 and 50")]
    public void A_quantity_out_of_range_is_refused_naming_the_dish(int quantity, string expected)
    {
        var error = Refused(null, new PlaceOrderCommand(Id, "bar", OrderType.Takeaway, null, [Tea with { Quantity = quantity }], "USD", 0, null, T0));
        Assert.Contains(expected, error.Message);
        Assert.Contains("Mint tea", error.Message);
    }

    [Fact]
    public void An_empty_order_a_negative_tip_and_a_dine_in_without_a_table_are_refused()
    {
        Assert.Contains("at least one dish", Refused(null, new PlaceOrderCommand(Id, "bar", OrderType.Takeaway, null, [], "USD", 0, null, T0)).Message);
        Assert.Contains("tip cannot be negative", Refused(null, new PlaceOrderCommand(Id, "bar", OrderType.Takeaway, null, [Tea], "USD", -1, null, T0)).Message);
        Assert.Contains("needs its table", Refused(null, new PlaceOrderCommand(Id, "bar", OrderType.DineIn, null, [Tea], "USD", 0, " ", T0)).Message);
    }

    private static readonly ChargePolicy Downtown = new(TaxBasisPoints: 825, ServiceChargeBasisPoints: 1_800);

    private static OrderPlaced Placed(OrderType type, ChargePolicy? charges, long tip = 100) =>
        Assert.IsType<OrderPlaced>(Assert.Single(OrderDecisions.Decide(null,
            new PlaceOrderCommand(Id, "bar", type, null, [Tea], "USD", tip, type == OrderType.DineIn ? "4" : null, T0, charges))));

    [Fact]
    public void A_dine_in_order_records_the_locations_service_charge_and_tax_and_totals_them_with_the_tip()
    {
        var placed = Placed(OrderType.DineIn, Downtown);
        // 18% of 7.00 = 1.26; 8.25% of 8.26 = 0.68145, so 0.68; the tip 1.00 is not taxed.
        Assert.Equal((126L, 68L), (placed.ServiceChargeMinor, placed.TaxMinor));

        var order = Order.Fold(null, placed, 1)!;
        Assert.Equal((700L, 126L, 68L, 100L, 994L), (order.SubtotalMinor, order.ServiceChargeMinor, order.TaxMinor, order.TipMinor, order.TotalMinor));
        Assert.Equal(Downtown.ChargesFor(OrderType.DineIn, new Money(700, Currency.USD), new Money(100, Currency.USD)), order.Charges());
        Assert.Equal([ChargeKind.ServiceCharge, ChargeKind.Tax, ChargeKind.Tip], order.Charges().Select(c => c.Kind));
    }

    [Fact]
    public void A_takeaway_pays_tax_but_no_dine_in_service_charge_and_an_order_without_a_policy_pays_neither()
    {
        var takeaway = Order.Fold(null, Placed(OrderType.Takeaway, Downtown, tip: 0), 1)!;
        Assert.Equal((0L, 58L, 758L), (takeaway.ServiceChargeMinor, takeaway.TaxMinor, takeaway.TotalMinor));   // 8.25% of 7.00 = 0.5775
        Assert.Equal([new OrderCharge(ChargeKind.Tax, new Money(58, Currency.USD))], takeaway.Charges());

        var none = Placed(OrderType.DineIn, null);
        Assert.Equal((0L, 0L), (none.ServiceChargeMinor, none.TaxMinor));
    }
}
