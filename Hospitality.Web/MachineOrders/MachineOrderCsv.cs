using System.Globalization;
using System.Text;
using System.Text.Json;
using Hospitality.Domain.Billing;
using Hospitality.Domain.MachineOrders;

namespace Hospitality.Web.MachineOrders;

/// <summary>
/// Machine sales as RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a comma, quote or line break
/// (quotes doubled), amounts as text in major units, times in ISO 8601 UTC. A cell starting with = + - @ (or a tab or
/// carriage return) gets a leading apostrophe, so a spreadsheet never runs a machine's or a person's text as a formula.
/// </summary>
public static class MachineOrderCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static readonly IReadOnlyList<string> Header =
    [
        "order_id", "machine_order_id", "created_at", "received_at", "location_id", "device_id", "device_name", "items", "currency",
        "total", "refunded", "payment_method", "payment_status", "exception", "exception_message",
    ];

    public static async Task WriteAsync(Stream body, IAsyncEnumerable<MachineOrder> orders, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(Line(Header));
        var written = 0;
        await foreach (var order in orders.WithCancellation(ct))
        {
            await writer.WriteAsync(Line(Row(order)));
            if (++written % 500 == 0) await writer.FlushAsync(ct);   // stream as it reads, never the whole export in memory
        }
        await writer.FlushAsync(ct);
    }

    public static IReadOnlyList<string> Row(MachineOrder o)
    {
        var currency = Currency.Of(o.Currency);
        string Amount(long minor) => new Money(minor, currency).Amount();
        return
        [
            o.Id.ToString(), o.MachineOrderId, Time(o.PlacedAt), Time(o.ReceivedAt), o.LocationId, o.DeviceId.ToString(), o.DeviceName,
            string.Join("; ", o.Items.Select(i => $"{i.Quantity} x {i.Name} @ {Amount(i.UnitPriceMinor)}")), o.Currency,
            Amount(o.TotalMinor), Amount(o.RefundedMinor), Name(o.PaymentMethod), Name(o.PaymentStatus),
            o.Exception is null ? "" : Name(o.Exception.Kind), o.Exception?.Message ?? "",
        ];
    }

    public static string Line(IEnumerable<string> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";

    /// <summary>One field: defused against formula injection, then quoted when RFC 4180 needs it.</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
