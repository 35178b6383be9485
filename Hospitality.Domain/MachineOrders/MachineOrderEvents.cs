namespace Hospitality.Domain.MachineOrders;

// Seed 002's Order and OrderItem: a sale a coffee machine made (not a restaurant order, see Orders/). One event stream
// per sale, its id derived from the machine and the machine's own order id, so a retried upload lands on the same stream.

/// <summary>How the guest paid at the machine.</summary>
public enum PaymentMethod { Cash, Card, Mobile, Qr, Free }

/// <summary>
/// Where the payment stands. A machine reports <see cref="Pending"/>, <see cref="Paid"/>, <see cref="Failed"/> or
/// <see cref="Refunded"/> (it gave the money back itself); staff refunds move a paid sale to <see cref="PartiallyRefunded"/> or <see cref="Refunded"/>.
/// </summary>
public enum PaymentStatus { Pending, Paid, Failed, Refunded, PartiallyRefunded }

/// <summary>What went wrong at the machine, if anything.</summary>
public enum MachineFault { BrewFailed, PaymentTimeout, DispenseError, OutOfStock, CancelledByGuest, Other }

/// <summary>A line of the sale: what was made (product or recipe name), how many, at what unit price in minor units.</summary>
public sealed record MachineOrderItem(string Name, int Quantity, long UnitPriceMinor)
{
    public long LineTotalMinor => UnitPriceMinor * Quantity;
}

/// <summary>A fault the machine reported with the sale, with its own words.</summary>
public sealed record MachineOrderException(MachineFault Kind, string? Message);

/// <summary>
/// A machine recorded a sale. <paramref name="PlacedAt"/> is the machine's clock (bounded on arrival);
/// <paramref name="ReceivedAt"/> the server's. Amounts are minor units of <paramref name="Currency"/>, the location's.
/// </summary>
public sealed record MachineOrderPlaced(
    Guid OrderId, Guid DeviceId, string DeviceName, string LocationId, string MachineOrderId, IReadOnlyList<MachineOrderItem> Items,
    string Currency, long TotalMinor, PaymentMethod PaymentMethod, PaymentStatus PaymentStatus, MachineOrderException? Exception,
    DateTimeOffset PlacedAt, DateTimeOffset ReceivedAt);

/// <summary>Staff gave back <paramref name="AmountMinor"/> of a paid sale, for <paramref name="Reason"/>.</summary>
public sealed record MachineOrderRefunded(Guid OrderId, long AmountMinor, string Reason, string By, DateTimeOffset At);
