using Hospitality.Domain.Billing;

namespace Hospitality.Domain.MachineOrders;

/// <summary>A refund staff gave on a machine sale.</summary>
public sealed record MachineOrderRefund(long AmountMinor, string Reason, string By, DateTimeOffset At);

/// <summary>
/// A machine sale, folded from its events: the decision state and, kept by an inline projection, the document the order
/// list, the CSV export and the page read. Amounts are minor units of <see cref="Currency"/>.
/// </summary>
/// <param name="Fingerprint">What the machine sent, so a repeat of its order id can be told from a different sale under the same id.</param>
public sealed record MachineOrder(
    Guid Id, Guid DeviceId, string DeviceName, string LocationId, string MachineOrderId, IReadOnlyList<MachineOrderItem> Items,
    string Currency, long TotalMinor, long RefundedMinor, PaymentMethod PaymentMethod, PaymentStatus PaymentStatus,
    MachineOrderException? Exception, IReadOnlyList<MachineOrderRefund> Refunds, string Fingerprint,
    DateTimeOffset PlacedAt, DateTimeOffset ReceivedAt, long Version)
{
    /// <summary>What staff may still give back: the rest of a paid sale, nothing of one that was never paid.</summary>
    public long RefundableMinor => PaymentStatus is PaymentStatus.Paid or PaymentStatus.PartiallyRefunded ? TotalMinor - RefundedMinor : 0;

    public static MachineOrder? Fold(MachineOrder? order, object e, long version) => (order, e) switch
    {
        (null, MachineOrderPlaced p) => new MachineOrder(p.OrderId, p.DeviceId, p.DeviceName, p.LocationId, p.MachineOrderId, p.Items,
            p.Currency, p.TotalMinor, p.PaymentStatus == PaymentStatus.Refunded ? p.TotalMinor : 0, p.PaymentMethod, p.PaymentStatus,
            p.Exception, [], FingerprintOf(p), p.PlacedAt, p.ReceivedAt, version),
        (null, _) => null,
        (_, MachineOrderRefunded r) => Refunded(order, r, version),
        _ => order with { Version = version },
    };

    /// <summary>The sale's content as the machine sent it (not its times: a retry may carry another clock reading).</summary>
    public static string FingerprintOf(MachineOrderPlaced p) => string.Join('|',
        [p.MachineOrderId, p.Currency, p.TotalMinor.ToString(System.Globalization.CultureInfo.InvariantCulture), p.PaymentMethod.ToString(),
            p.PaymentStatus.ToString(), p.Exception?.Kind.ToString() ?? "", p.Exception?.Message ?? "",
            .. p.Items.Select(i => FormattableString.Invariant($"{i.Quantity}x{i.UnitPriceMinor}:{i.Name}"))]);

    private static MachineOrder Refunded(MachineOrder order, MachineOrderRefunded r, long version)
    {
        var refunded = order.RefundedMinor + r.AmountMinor;
        return order with
        {
            RefundedMinor = refunded,
            PaymentStatus = refunded >= order.TotalMinor ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded,
            Refunds = [.. order.Refunds, new MachineOrderRefund(r.AmountMinor, r.Reason, r.By, r.At)],
            Version = version,
        };
    }
}

/// <summary>
/// A machine sale as answers and screens show it: amounts as text in major units of <see cref="Currency"/>
/// (<c>"total": "7.00"</c>), the way prices travel, never as floating-point numbers; each also in minor units (<c>totalMinor</c>).
/// </summary>
public sealed record MachineOrderView(
    Guid Id, string MachineOrderId, Guid DeviceId, string DeviceName, string LocationId, IReadOnlyList<MachineOrderItemView> Items,
    string Currency, string Total, string Refunded, string Refundable, long TotalMinor, long RefundedMinor, long RefundableMinor,
    PaymentMethod PaymentMethod, PaymentStatus PaymentStatus, MachineOrderException? Exception, IReadOnlyList<MachineOrderRefundView> Refunds,
    DateTimeOffset PlacedAt, DateTimeOffset ReceivedAt, long Version)
{
    public static MachineOrderView Of(MachineOrder o)
    {
        var currency = Billing.Currency.Of(o.Currency);
        string Text(long minor) => new Money(minor, currency).Amount();
        return new MachineOrderView(o.Id, o.MachineOrderId, o.DeviceId, o.DeviceName, o.LocationId,
            [.. o.Items.Select(i => new MachineOrderItemView(i.Name, i.Quantity, Text(i.UnitPriceMinor), Text(i.LineTotalMinor)))],
            o.Currency, Text(o.TotalMinor), Text(o.RefundedMinor), Text(o.RefundableMinor), o.TotalMinor, o.RefundedMinor, o.RefundableMinor, o.PaymentMethod, o.PaymentStatus, o.Exception,
            [.. o.Refunds.Select(r => new MachineOrderRefundView(Text(r.AmountMinor), r.Reason, r.By, r.At))], o.PlacedAt, o.ReceivedAt, o.Version);
    }
}

public sealed record MachineOrderItemView(string Name, int Quantity, string UnitPrice, string LineTotal);

public sealed record MachineOrderRefundView(string Amount, string Reason, string By, DateTimeOffset At);
