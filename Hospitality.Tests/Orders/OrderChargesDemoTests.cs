using Hospitality.Domain.Menus;
using Hospitality.Domain.Orders;
using Hospitality.Tests.Infrastructure;

namespace Hospitality.Tests.Orders;

/// <summary>The demo host's lounges price orders with their own tax and service charge, read from the location by the server.</summary>
public sealed class OrderChargesDemoTests : DemoHostTests
{
    [Theory]
    [InlineData("downtown", OrderType.DineIn, 1_260, 681)]    // 18% service at the table; 8.25% of 82.60 = 6.8145
    [InlineData("downtown", OrderType.Takeaway, 0, 578)]      // no service to take away; 8.25% of 70.00 = 5.775
    [InlineData("harbor", OrderType.Delivery, 1_050, 664)]    // 15% service on every order; 8.25% of 80.50 = 6.64125
    public async Task A_demo_lounge_charges_its_own_service_and_tax(string location, OrderType type, long service, long tax)
    {
        var mezze = (await SendAsync(new GetMenu(Actor, location, IncludeUnavailable: false))).Dishes.Single(d => d.Name == "Mezze Platter");

        var order = await SendAsync(new PlaceOrder(Actor, location, type, [new OrderItem(mezze.Id, 5)], Table: type == OrderType.DineIn ? "2" : null));

        Assert.Equal((7_000L, service, tax, 7_000 + service + tax), (order.SubtotalMinor, order.ServiceChargeMinor, order.TaxMinor, order.TotalMinor));
    }
}
