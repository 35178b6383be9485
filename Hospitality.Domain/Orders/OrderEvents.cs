namespace Hospitality.Domain.Orders;

/// <summary>How the order reaches the guest (seed 001's orderType).</summary>
public enum OrderType { DineIn, Takeaway, Delivery }

/// <summary>Where an order is in its life. Delivery orders end delivered; the others end completed.</summary>
public enum OrderStatus { Pending, Confirmed, Preparing, Ready, Delivered, Completed, Cancelled }

/// <summary>One line as ordered: the dish, priced from the menu when it was placed, and who added it.</summary>
/// <param name="AddedBy">The guest who put it in (group orders), or null.</param>
public sealed record OrderLine(Guid DishId, string Name, int Quantity, long UnitPriceMinor, string? AddedBy = null)
{
    public long TotalMinor => checked(UnitPriceMinor * Quantity);
}

/// <summary>An order was placed (by staff, or by a group-order room when its owner finalized it).</summary>
/// <param name="ServiceChargeMinor">Service charge as the location's <see cref="Billing.ChargePolicy"/> priced it when the order was placed; 0 on orders placed before charges existed.</param>
/// <param name="TaxMinor">Tax, likewise.</param>
public sealed record OrderPlaced(
    Guid OrderId, string LocationId, OrderType Type, string? CustomerId, IReadOnlyList<OrderLine> Lines, string Currency,
    long TipMinor, string? Table, DateTimeOffset At, long ServiceChargeMinor = 0, long TaxMinor = 0);

/// <summary>The order moved on: confirmed, being prepared, ready, delivered or completed.</summary>
public sealed record OrderAdvanced(Guid OrderId, OrderStatus Status, DateTimeOffset At);

/// <summary>The order was called off before it was handed over.</summary>
public sealed record OrderCancelled(Guid OrderId, string Reason, DateTimeOffset At);
