using System.Text.Json;
using System.Text.Json.Serialization;
using Hospitality.Domain.Billing;
using Hospitality.Domain.Orders;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;

namespace Hospitality.Tests.Tenancy;

/// <summary>Documents and events stored before locations had charges read as having none, with the store's own JSON settings.</summary>
public class StoredBeforeChargesTests
{
    private static readonly JsonSerializerOptions Json = Stored();

    private static JsonSerializerOptions Stored()
    {
        var options = new StoreOptions();
        options.Json.Converters.Add(new JsonStringEnumConverter());   // as StoreSetup configures the host's store
        return options.Json;
    }

    [Fact]
    public void A_location_stored_without_charges_has_none_and_one_with_charges_keeps_them()
    {
        var old = JsonSerializer.Deserialize<Location>("""{"id":"bar","tenantId":"cloud","name":"Bar","kind":"Lounge","country":"GB"}""", Json)!;
        Assert.Same(ChargePolicy.None, old.Charges);
        Assert.Empty(old.Charges.ChargesFor(OrderType.DineIn, new Money(10_000, Currency.GBP), Money.Zero(Currency.GBP)));

        var charged = old with { Charges = new ChargePolicy(2_000, 1_250, ServiceChargeDineInOnly: false) };
        Assert.Equal(charged, JsonSerializer.Deserialize<Location>(JsonSerializer.Serialize(charged, Json), Json));
    }

    [Fact]
    public void An_order_and_its_placed_event_stored_without_tax_or_service_read_as_zero_and_total_as_before()
    {
        const string placed = """
            {"orderId":"6f1c1d52-8f33-4d7e-9a55-0d9b7e0c1a11","locationId":"bar","type":"DineIn","customerId":null,
             "lines":[{"dishId":"0b6c3f7e-2d1a-4c7b-8e9f-1a2b3c4d5e6f","name":"Mint tea","quantity":2,"unitPriceMinor":350}],
             "currency":"USD","tipMinor":100,"table":"4","at":"2026-11-22T20:00:00+00:00"}
            """;
        var e = JsonSerializer.Deserialize<OrderPlaced>(placed, Json)!;
        Assert.Equal((0L, 0L), (e.TaxMinor, e.ServiceChargeMinor));

        var order = Order.Fold(null, e, 1)!;
        var json = JsonSerializer.Serialize(order, Json).Replace("\"serviceChargeMinor\":0,", "").Replace(",\"taxMinor\":0", "");
        Assert.DoesNotContain("serviceChargeMinor", json);
        Assert.DoesNotContain("taxMinor", json);
        var stored = JsonSerializer.Deserialize<Order>(json, Json)!;
        Assert.Equal((700L, 0L, 0L, 100L, 800L), (stored.SubtotalMinor, stored.ServiceChargeMinor, stored.TaxMinor, stored.TipMinor, stored.TotalMinor));
        Assert.Equal([new OrderCharge(ChargeKind.Tip, new Money(100, Currency.USD))], stored.Charges());
    }
}
