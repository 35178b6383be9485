using Hospitality.Domain.Billing;
using Hospitality.Domain.Orders;
using OrderLine = Hospitality.Domain.Orders.OrderLine;

namespace Hospitality.Web.Orders;

/// <summary>
/// An order as JSON: its amounts in minor units (<c>totalMinor</c>), and each also as text in major units of
/// <c>currency</c> (<c>"total": "8.66"</c>), as menu prices travel. <c>total = subtotal + serviceCharge + tax + tip</c>.
/// </summary>
public sealed record OrderView(
    Guid Id, string LocationId, OrderType Type, string? CustomerId, IReadOnlyList<OrderLine> Lines, string Currency,
    long SubtotalMinor, long ServiceChargeMinor, long TaxMinor, long TipMinor, long TotalMinor,
    string Subtotal, string ServiceCharge, string Tax, string Tip, string Total,
    string? Table, OrderStatus Status, DateTimeOffset PlacedAt, DateTimeOffset LastChangedAt, long Version)
{
    public static OrderView Of(Order o)
    {
        var currency = Domain.Billing.Currency.Of(o.Currency);
        string Text(long minor) => new Money(minor, currency).Amount();
        return new OrderView(o.Id, o.LocationId, o.Type, o.CustomerId, o.Lines, o.Currency,
            o.SubtotalMinor, o.ServiceChargeMinor, o.TaxMinor, o.TipMinor, o.TotalMinor,
            Text(o.SubtotalMinor), Text(o.ServiceChargeMinor), Text(o.TaxMinor), Text(o.TipMinor), Text(o.TotalMinor),
            o.Table, o.Status, o.PlacedAt, o.LastChangedAt, o.Version);
    }

    public static IReadOnlyList<OrderView> Of(IReadOnlyList<Order> orders) => [.. orders.Select(Of)];
}
