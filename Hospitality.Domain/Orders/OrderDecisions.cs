using Hospitality.Domain.Billing;

namespace Hospitality.Domain.Orders;

public abstract record OrderCommand(DateTimeOffset At);

/// <summary>Lines arrive priced by the server from the menu (<see cref="Menus.MenuPrices.PriceOf"/>), never by the client.</summary>
/// <param name="Charges">The location's tax and service charge (<see cref="Tenancy.Location.Charges"/>); null is none.</param>
/// <param name="ShareOfCharges">
/// Instead of <paramref name="Charges"/>: this order's exact part of a group's service charge and tax, as a split gave it
/// (one order per guest of a group order), so the orders add up to the group's bill to the cent.
/// </param>
public sealed record PlaceOrderCommand(
    Guid OrderId, string LocationId, OrderType Type, string? CustomerId, IReadOnlyList<OrderLine> Lines, string Currency,
    long TipMinor, string? Table, DateTimeOffset At, ChargePolicy? Charges = null, IReadOnlyList<OrderCharge>? ShareOfCharges = null) : OrderCommand(At);
public sealed record AdvanceOrder(OrderStatus To, DateTimeOffset At) : OrderCommand(At);
public sealed record CancelOrder(string? Reason, DateTimeOffset At) : OrderCommand(At);

/// <summary>Pure decisions about an order, refusing in sentences staff can read.</summary>
public static class OrderDecisions
{
    public const int MaxLines = 100, MaxQuantity = 50, MaxReasonLength = 200, MaxTableLength = 32;

    public static object[] Decide(Order? order, OrderCommand command)
    {
        if (command is PlaceOrderCommand place)
        {
            if (order is not null) throw DomainException.Conflict("That order was placed already.");
            if (place.Lines.Count == 0) throw DomainException.Invalid("An order needs at least one dish.");
            if (place.Lines.Count > MaxLines) throw DomainException.Invalid($"An order can have at most {MaxLines} lines.");
            if (place.Lines.FirstOrDefault(l => l.Quantity is < 1 or > MaxQuantity) is { } bad)
                throw DomainException.Invalid($"The quantity of {bad.Name} must be between 1 and {MaxQuantity}; it was {bad.Quantity}.");
            if (place.TipMinor < 0) throw DomainException.Invalid("A tip cannot be negative.");
            if (place.Type == OrderType.DineIn && string.IsNullOrWhiteSpace(place.Table))
                throw DomainException.Invalid("A dine-in order needs its table.");
            var table = place.Table?.Trim();
            if (table?.Length > MaxTableLength) throw DomainException.Invalid($"The table name is longer than {MaxTableLength} characters.");
            var currency = Currency.Of(place.Currency);
            var subtotal = new Money(place.Lines.Sum(l => l.TotalMinor), currency);
            var charges = place.ShareOfCharges ?? (place.Charges ?? ChargePolicy.None).ChargesFor(place.Type, subtotal, new Money(place.TipMinor, currency));
            if (charges.Any(c => c.Amount.Minor < 0)) throw DomainException.Invalid("A charge cannot be negative.");
            return [new OrderPlaced(place.OrderId, place.LocationId, place.Type, place.CustomerId, place.Lines, place.Currency,
                place.TipMinor, string.IsNullOrEmpty(table) ? null : table, place.At,
                ServiceChargeMinor: AmountOf(charges, ChargeKind.ServiceCharge), TaxMinor: AmountOf(charges, ChargeKind.Tax))];
        }

        if (order is null) throw DomainException.NotFound("No such order.");
        var next = order.Next;
        return command switch
        {
            AdvanceOrder when next is null =>
                throw DomainException.Conflict($"This order is {Describe(order.Status)}; it does not move on any more."),
            AdvanceOrder a when a.To != next =>
                throw DomainException.Conflict($"This order is {Describe(order.Status)}: it can only become {Describe(next.Value)} next, not {Describe(a.To)}."),
            AdvanceOrder a => [new OrderAdvanced(order.Id, a.To, a.At)],
            CancelOrder when !order.IsOpen => throw DomainException.Conflict($"This order is {Describe(order.Status)}, so it can no longer be cancelled."),
            CancelOrder c when (c.Reason?.Trim().Length ?? 0) > MaxReasonLength =>
                throw DomainException.Invalid($"A cancellation reason can be at most {MaxReasonLength} characters."),
            CancelOrder c => [new OrderCancelled(order.Id, string.IsNullOrWhiteSpace(c.Reason) ? "No reason given" : c.Reason.Trim(), c.At)],
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown order command."),
        };
    }

    private static long AmountOf(IReadOnlyList<OrderCharge> charges, ChargeKind kind) =>
        charges.FirstOrDefault(c => c.Kind == kind)?.Amount.Minor ?? 0;

    private static string Describe(OrderStatus status) => status.ToString().ToLowerInvariant();
}
