using Hospitality.Domain.Billing;

namespace Hospitality.Domain.Orders;

/// <summary>
/// An order, folded from its events: the decision state and, stored by an inline projection, the read model of the
/// staff orders board and a guest's order history. Amounts are minor units of <see cref="Currency"/>;
/// <c>TotalMinor = SubtotalMinor + ServiceChargeMinor + TaxMinor + TipMinor</c>.
/// </summary>
/// <param name="ServiceChargeMinor">0 on orders stored before charges existed, and where the location charges none.</param>
/// <param name="TaxMinor">Likewise.</param>
/// <param name="Guests">Everyone the order is for: its guest and whoever added a line (a group order); for order history.</param>
public sealed record Order(
    Guid Id, string LocationId, OrderType Type, string? CustomerId, IReadOnlyList<OrderLine> Lines, string Currency,
    long SubtotalMinor, long TipMinor, long TotalMinor, string? Table, OrderStatus Status, DateTimeOffset PlacedAt,
    DateTimeOffset LastChangedAt, long Version, long ServiceChargeMinor = 0, long TaxMinor = 0, IReadOnlyList<string>? Guests = null)
{
    /// <summary>
    /// The charges on the order as a whole, in the order <see cref="ChargePolicy.ChargesFor(Money, bool, Money)"/> gives
    /// them (service charge, tax, tip; zero ones left out): with the lines, what a <see cref="Bill"/> of this order holds.
    /// </summary>
    public IReadOnlyList<OrderCharge> Charges()
    {
        var currency = Billing.Currency.Of(Currency);
        return ChargePolicy.NonZero(new Money(ServiceChargeMinor, currency), new Money(TaxMinor, currency), new Money(TipMinor, currency));
    }

    public bool IsOpen => Status is not (OrderStatus.Delivered or OrderStatus.Completed or OrderStatus.Cancelled);

    /// <summary>The status the staff board's one button moves the order to, or null once it is done.</summary>
    public OrderStatus? Next => Status switch
    {
        OrderStatus.Pending => OrderStatus.Confirmed,
        OrderStatus.Confirmed => OrderStatus.Preparing,
        OrderStatus.Preparing => OrderStatus.Ready,
        OrderStatus.Ready => Type == OrderType.Delivery ? OrderStatus.Delivered : OrderStatus.Completed,
        _ => null,
    };

    public static Order? Fold(Order? order, object e, long version) => (order, e) switch
    {
        (null, OrderPlaced p) => Placed(p, version),
        (null, _) => null,
        (_, OrderAdvanced a) => order with { Status = a.Status, LastChangedAt = a.At, Version = version },
        (_, OrderCancelled c) => order with { Status = OrderStatus.Cancelled, LastChangedAt = c.At, Version = version },
        _ => order with { Version = version },
    };

    private static Order Placed(OrderPlaced p, long version)
    {
        var subtotal = p.Lines.Sum(l => l.TotalMinor);
        return new Order(p.OrderId, p.LocationId, p.Type, p.CustomerId, p.Lines, p.Currency, subtotal, p.TipMinor,
            checked(subtotal + p.ServiceChargeMinor + p.TaxMinor + p.TipMinor), p.Table, OrderStatus.Pending, p.At, p.At, version,
            p.ServiceChargeMinor, p.TaxMinor,
            [.. p.Lines.Select(l => l.AddedBy).Prepend(p.CustomerId).OfType<string>().Distinct()]);
    }
}
