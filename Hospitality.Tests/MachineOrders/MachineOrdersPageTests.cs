using System.Security.Claims;
using Bunit;
using Hospitality.Domain;
using Hospitality.Domain.Devices;
using Hospitality.Domain.MachineOrders;
using Hospitality.Domain.Tenancy;
using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Components.Layout;
using Hospitality.Web.MachineOrders;

namespace Hospitality.Tests.MachineOrders;

/// <summary>The machine sales page with the app's real handlers over the in-memory store.</summary>
public sealed class MachineOrdersPageTests : InMemoryPages
{
    private readonly Guid _machine;

    public MachineOrdersPageTests() =>
        _machine = Send(new RegisterDeviceRequest(Desk, Bar, "Bar espresso", "EX-200", "SN-1")).Device.Id;

    private MachineOrderView Sell(string id, PaymentMethod method = PaymentMethod.Card, DateTimeOffset? at = null) =>
        Send(new CreateMachineOrder(new DeviceCaller(Tenant, _machine), id, [new("Latte", 2, "3.50"), new("Espresso", 1, "2.00")], null,
            method, PaymentStatus.Paid, null, null, at));

    private IRenderedComponent<MachineOrdersPage> Open()
    {
        var page = Render<MachineOrdersPage>();
        page.WaitForAssertion(() => Assert.Equal("true", page.Find(".machine-orders-page").GetAttribute("data-interactive")), Wait);
        return page;
    }

    private static void Act(IRenderedComponent<MachineOrdersPage> page, Action<IRenderedComponent<MachineOrdersPage>> act) =>
        page.InvokeAsync(() => act(page)).GetAwaiter().GetResult();

    [Fact]
    public void Staff_page_through_sales_filter_by_payment_method_and_export_what_they_filtered()
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 27; i++) Sell($"p-{i:00}", at: now.AddMinutes(-i));
        Sell("cash-1", PaymentMethod.Cash, now.AddMinutes(-40));
        SignInAs("Staff", Policies.ViewBoard, Policies.OperateSessions);
        var page = Open();

        Assert.Equal("28 sales", page.Find("[data-test=orders-total]").TextContent);
        Assert.Equal(MachineOrdersPage.PageSize, page.FindAll("[data-test=order-row]").Count);
        Assert.Equal("Page 1 of 2", page.Find("[data-test=page-of]").TextContent);
        Act(page, p => p.Find("[data-test=page-next] ").Click());
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-test=order-row]").Count), Wait);

        Act(page, p => p.Find("[data-test=filter-method]").Change("cash"));
        Act(page, p => p.Find("[data-test=filter-from]").Change(now.AddDays(-1).ToString("yyyy-MM-dd")));
        Act(page, p => p.Find("[data-test=orders-filters]").Submit());
        page.WaitForAssertion(() => Assert.Equal("1 sale", page.Find("[data-test=orders-total]").TextContent), Wait);
        Assert.Equal("Page 1 of 1", page.Find("[data-test=page-of]").TextContent);
        Assert.Equal($"/api/v1/orders/export.csv?from={now.AddDays(-1):yyyy-MM-dd}&payment_method=cash",
            page.Find("[data-test=orders-export]").GetAttribute("href"));
    }

    [Fact]
    public void Staff_refund_part_of_a_sale_in_the_dialog_and_are_told_when_they_ask_too_much()
    {
        var sale = Sell("r-1");
        SignInAs("Staff", Policies.ViewBoard, Policies.OperateSessions);
        var page = Open();

        Act(page, p => p.Find("[data-test=order-refund]").Click());
        Assert.Equal("9.00", page.Find("[data-test=refund-amount]").GetAttribute("value"));
        Act(page, p => p.Find("[data-test=refund-amount]").Change("9.50"));
        Act(page, p => p.Find("[data-test=refund-reason]").Change("Cold coffee"));
        Act(page, p => p.Find("[data-test=refund-dialog] form").Submit());
        page.WaitForAssertion(() => Assert.Contains("Only 9.00 USD", page.Find("[data-test=refund-error]").TextContent), Wait);

        Act(page, p => p.Find("[data-test=refund-amount]").Change("2.50"));
        Act(page, p => p.Find("[data-test=refund-dialog] form").Submit());
        page.WaitForAssertion(() =>
        {
            Assert.Empty(page.FindAll("[data-test=refund-dialog]"));
            Assert.Equal("2.50", page.Find("[data-test=order-refunded]").TextContent);
            Assert.Equal("Partially refunded", page.Find("[data-test=order-status]").TextContent);
        }, Wait);
        Assert.Equal(250, Send(new GetMachineOrder(Desk, sale.Id)).RefundedMinor);
    }

    [Fact]
    public void A_viewer_sees_sales_but_no_refund_button()
    {
        Sell("v-1");
        SignInAs("Viewer", Policies.ViewBoard);
        var page = Open();
        Assert.Single(page.FindAll("[data-test=order-row]"));
        Assert.Empty(page.FindAll("[data-test=order-refund]"));
        Assert.Equal("/machine-orders", Render<LocationNav>().Find("[data-test=nav-machine-orders]").GetAttribute("href"));
    }

    [Fact]
    public void An_export_larger_than_its_bound_is_refused_before_a_row_is_read()
    {
        for (var i = 0; i < 3; i++) Sell($"x-{i}");
        Assert.Contains("3 sales match; an export holds at most 2", Assert.Throws<DomainException>(() => Send(new ExportMachineOrders(Desk, new(), 2))).Message);
        var export = Send(new ExportMachineOrders(Desk, new(), 3));
        Assert.Equal(3, export.Count);
        Assert.Equal(3, export.Rows.ToBlockingEnumerable().Count());
    }
}
