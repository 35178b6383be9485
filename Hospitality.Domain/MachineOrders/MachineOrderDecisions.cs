using Hospitality.Domain.Billing;

namespace Hospitality.Domain.MachineOrders;

/// <summary>A line as the machine sends it: prices as text in major units ("3.50"), read here, never as floats.</summary>
public sealed record MachineOrderLineInput(string? Name, int? Quantity, string? UnitPrice);

public abstract record MachineOrderCommand(DateTimeOffset At);

/// <summary>
/// A machine records a sale. <paramref name="Currency"/> is the location's; a currency the machine sent
/// (<paramref name="SentCurrency"/>) must be that one. <paramref name="PlacedAt"/> is the machine's clock, when it sent one.
/// </summary>
public sealed record RecordSale(
    Guid OrderId, Guid DeviceId, string DeviceName, string LocationId, Currency Currency, string MachineOrderId,
    IReadOnlyList<MachineOrderLineInput>? Items, string? SentCurrency, PaymentMethod? PaymentMethod, PaymentStatus? PaymentStatus,
    MachineFault? Fault, string? FaultMessage, DateTimeOffset? PlacedAt, DateTimeOffset At) : MachineOrderCommand(At);

/// <summary>Staff refund a sale: <paramref name="Amount"/> in major units, or null for all that is left.</summary>
public sealed record RefundSale(string? Amount, string? Reason, string By, DateTimeOffset At) : MachineOrderCommand(At);

/// <summary>Pure decisions about machine sales, refusing in sentences that name the field.</summary>
public static class MachineOrderDecisions
{
    public const int MaxMachineOrderIdLength = 64, MaxItems = 20, MaxNameLength = 80, MaxQuantity = 99, MaxFaultMessageLength = 500,
        MaxReasonLength = 200, MaxRefunds = 20;
    public const long MaxUnitPriceMajor = 1_000;
    /// <summary>How far ahead of the server a machine's clock may be, and how long a machine may hold a sale before it uploads it.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5), MaxHeldFor = TimeSpan.FromDays(30);

    public static object[] Decide(MachineOrder? order, MachineOrderCommand command) => (order, command) switch
    {
        (null, RecordSale s) => [Record(s)],
        (_, RecordSale) => throw DomainException.Conflict("That sale is recorded already."),
        (null, _) => throw DomainException.NotFound("No such sale."),
        ({ } o, RefundSale r) => [Refund(o, r)],
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown machine order command."),
    };

    /// <summary>The machine's own order id, checked: it names the sale on that machine, so a retry finds it again.</summary>
    public static string ReadMachineOrderId(string? value)
    {
        var id = value?.Trim() ?? "";
        if (id.Length == 0) throw DomainException.Invalid("'machineOrderId' is required: the machine's own id of the sale.");
        if (id.Length > MaxMachineOrderIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            throw DomainException.Invalid($"'machineOrderId' must be 1 to {MaxMachineOrderIdLength} letters, digits, '-', '_', '.' or ':'.");
        return id;
    }

    private static MachineOrderPlaced Record(RecordSale s)
    {
        var machineOrderId = ReadMachineOrderId(s.MachineOrderId);
        if (!string.IsNullOrWhiteSpace(s.SentCurrency) && !string.Equals(s.SentCurrency.Trim(), s.Currency.Code, StringComparison.OrdinalIgnoreCase))
            throw DomainException.Invalid($"'currency' must be this location's, {s.Currency.Code}; it was '{s.SentCurrency.Trim()}'.");
        var method = s.PaymentMethod ?? throw DomainException.Invalid("'paymentMethod' is required.");
        var status = s.PaymentStatus ?? throw DomainException.Invalid("'paymentStatus' is required.");
        if (status == PaymentStatus.PartiallyRefunded)
            throw DomainException.Invalid("'paymentStatus' from a machine is pending, paid, failed or refunded; partial refunds are made by staff.");
        var items = Items(s.Items, s.Currency);
        var total = items.Aggregate(Money.Zero(s.Currency), (sum, i) => sum + new Money(i.UnitPriceMinor, s.Currency).Times(i.Quantity));
        if (method == PaymentMethod.Free && total.Minor != 0)
            throw DomainException.Invalid("A free sale costs nothing: send 0 as each 'unitPrice', or another 'paymentMethod'.");
        var placedAt = s.PlacedAt ?? s.At;
        if (placedAt > s.At + ClockSkew) throw DomainException.Invalid("'createdAt' is in the future: check the machine's clock.");
        if (placedAt < s.At - MaxHeldFor) throw DomainException.Invalid($"'createdAt' is more than {MaxHeldFor.TotalDays} days ago; such a sale is not taken.");
        return new MachineOrderPlaced(s.OrderId, s.DeviceId, s.DeviceName, s.LocationId, machineOrderId, items, s.Currency.Code, total.Minor,
            method, status, Fault(s.Fault, s.FaultMessage), placedAt, s.At);
    }

    private static IReadOnlyList<MachineOrderItem> Items(IReadOnlyList<MachineOrderLineInput>? lines, Currency currency)
    {
        if (lines is null || lines.Count == 0) throw DomainException.Invalid("'items' is required: at least one thing the machine made.");
        if (lines.Count > MaxItems) throw DomainException.Invalid($"A sale has at most {MaxItems} 'items'.");
        var max = new Money(MaxUnitPriceMajor * currency.MinorPerMajor, currency);
        return [.. lines.Select((line, index) =>
        {
            var field = $"items[{index}]";
            var name = string.Join(' ', (line.Name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (name.Length == 0) throw DomainException.Invalid($"'{field}.name' is required: the product or recipe made.");
            if (name.Length > MaxNameLength || name.Any(char.IsControl)) throw DomainException.Invalid($"'{field}.name' must be 1 to {MaxNameLength} printable characters.");
            if (line.Quantity is not (>= 1 and <= MaxQuantity)) throw DomainException.Invalid($"'{field}.quantity' must be between 1 and {MaxQuantity}.");
            Money price;
            try { price = Money.Parse(line.UnitPrice, currency); }
            catch (DomainException e) { throw DomainException.Invalid($"'{field}.unitPrice' is not valid: {e.Message}"); }
            if (price > max) throw DomainException.Invalid($"'{field}.unitPrice' can be at most {max}.");
            return new MachineOrderItem(name, line.Quantity.Value, price.Minor);
        })];
    }

    private static MachineOrderException? Fault(MachineFault? kind, string? message)
    {
        var text = string.IsNullOrWhiteSpace(message) ? null : message.Trim();
        if (kind is null) return text is null ? null : throw DomainException.Invalid("'exception.kind' is required with an exception message.");
        if (text?.Length > MaxFaultMessageLength) throw DomainException.Invalid($"'exception.message' can be at most {MaxFaultMessageLength} characters.");
        return new MachineOrderException(kind.Value, text);
    }

    /// <summary>
    /// A refund gives back part or all of what is left of a paid sale, never more: the refunds of a sale always add up to
    /// at most its total. Nothing of a pending, failed or free sale is refundable.
    /// </summary>
    private static MachineOrderRefunded Refund(MachineOrder order, RefundSale r)
    {
        var currency = Currency.Of(order.Currency);
        var left = new Money(order.RefundableMinor, currency);
        if (order.PaymentStatus == PaymentStatus.Refunded) throw DomainException.Conflict("This sale is refunded in full already.");
        if (order.PaymentStatus is not (PaymentStatus.Paid or PaymentStatus.PartiallyRefunded))
            throw DomainException.Conflict($"Only a paid sale can be refunded; this one is {order.PaymentStatus.ToString().ToLowerInvariant()}.");
        if (left.Minor == 0) throw DomainException.Conflict("Nothing of this sale is left to refund.");
        if (order.Refunds.Count >= MaxRefunds) throw DomainException.Conflict($"A sale takes at most {MaxRefunds} refunds.");
        var reason = string.Join(' ', (r.Reason ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (reason.Length == 0) throw DomainException.Invalid("'reason' is required: why the money goes back.");
        if (reason.Length > MaxReasonLength) throw DomainException.Invalid($"'reason' can be at most {MaxReasonLength} characters.");
        Money amount;
        if (string.IsNullOrWhiteSpace(r.Amount)) amount = left;
        else
        {
            try { amount = Money.Parse(r.Amount, currency); }
            catch (DomainException e) { throw DomainException.Invalid($"'amount' is not valid: {e.Message}"); }
        }
        if (amount.Minor == 0) throw DomainException.Invalid($"'amount' must be more than {Money.Zero(currency)}.");
        if (amount > left) throw DomainException.Conflict($"Only {left} of this sale is left to refund; {amount} is more than that.");
        return new MachineOrderRefunded(order.Id, amount.Minor, reason, r.By, r.At);
    }
}
