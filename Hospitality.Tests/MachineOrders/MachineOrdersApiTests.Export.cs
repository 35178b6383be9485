using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Hospitality.Tests.Infrastructure;

namespace Hospitality.Tests.MachineOrders;

public partial class MachineOrdersApiTests
{
    [Fact]
    public async Task The_csv_export_holds_every_matching_sale_in_rfc_4180_with_quoted_fields_and_no_formulas()
    {
        var (deviceId, machine) = await MachineAsync("@SUM(1+1) machine");
        var createdAt = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(-1).AddHours(9).AddMinutes(15), TimeSpan.Zero);
        var quoted = await SoldAsync(machine, deviceId, Sale("e-1", createdAt: createdAt,
            items: [new { name = "Latte, \"large\"", quantity = 1, unitPrice = "4.20" }, new { name = "=cmd", quantity = 2, unitPrice = "0.5" }],
            exception: new { kind = "dispense_error", message = "=HYPERLINK(\"http://evil\")" }));
        for (var i = 2; i <= 4; i++) await SoldAsync(machine, deviceId, Sale($"e-{i}", "cash", createdAt: createdAt.AddMinutes(i)));
        var staff = await cluster.B.StaffAsync(cluster.CloudStaff);
        await RefundAsync(staff, quoted, new { amount = "1.20", reason = "Spilled" });

        var response = await staff.GetAsync($"/api/v1/orders/export.csv?device_id={deviceId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("machine-orders.csv", response.Content.Headers.ContentDisposition!.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"1 x Latte, \"\"large\"\" @ 4.20; 2 x =cmd @ 0.50\"", text);

        var rows = Rfc4180.Parse(text);
        Assert.Equal(["order_id", "machine_order_id", "created_at", "received_at", "location_id", "device_id", "device_name", "items", "currency",
            "total", "refunded", "payment_method", "payment_status", "exception", "exception_message"], rows[0]);
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(15, r.Count));
        Assert.Equal(["e-4", "e-3", "e-2", "e-1"], rows.Skip(1).Select(r => r[1]));   // newest first, like the list
        var row = rows[^1].Select((value, i) => (rows[0][i], value)).ToDictionary();
        Assert.Equal(quoted, row["order_id"]);
        Assert.Equal("1 x Latte, \"large\" @ 4.20; 2 x =cmd @ 0.50", row["items"]);
        Assert.Equal(("5.20", "1.20", "USD", "card", "partially_refunded"), (row["total"], row["refunded"], row["currency"], row["payment_method"], row["payment_status"]));
        Assert.Equal(("dispense_error", "'=HYPERLINK(\"http://evil\")"), (row["exception"], row["exception_message"]));
        Assert.Equal("'@SUM(1+1) machine", row["device_name"]);
        Assert.Equal(createdAt, DateTimeOffset.Parse(row["created_at"], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
        Assert.EndsWith("Z", row["created_at"]);
        Assert.All(rows.Skip(1).SelectMany(r => r), cell => Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@', cell));

        // The same filters as the list, and the same refusals in the envelope, before any CSV is written.
        var cash = Rfc4180.Parse(await staff.GetStringAsync($"/api/v1/orders/export.csv?device_id={deviceId}&payment_method=cash"));
        Assert.Equal(4, cash.Count);
        var bad = await staff.GetAsync("/api/v1/orders/export.csv?from=last-week");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'from'", (string)JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["error"]!["message"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cluster.A.CreateClient().GetAsync("/api/v1/orders/export.csv")).StatusCode);
    }
}
