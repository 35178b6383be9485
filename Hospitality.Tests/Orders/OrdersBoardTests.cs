using Bunit;
using System.Security.Claims;
using Hospitality.Domain.Menus;
using Hospitality.Domain.Orders;
using Hospitality.Domain.Tenancy;
using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Orders;

namespace Hospitality.Tests.Orders;

/// <summary>The staff orders board: live as orders come in and move on, one button for each order's next status.</summary>
public sealed class OrdersBoardTests : InMemoryPages
{
    private async Task<Guid> DishAsync(string name, string price)
    {
        var id = Guid.NewGuid();
        await Mediator.Send(new AddMenuDish(Desk, Bar, id, new DishInput(name, "drink", price)));
        return id;
    }

    private IRenderedComponent<OrdersBoard> RenderBoard()
    {
        Auth.SetAuthorized("Sam");
        Auth.SetRoles("Staff");
        Auth.SetPolicies(Policies.ViewBoard, Policies.OperateSessions);
        Auth.SetClaims(new Claim(HospitalityClaims.Tenant, Tenant));
        return Render<OrdersBoard>(p => p.Add(b => b.LocationId, Bar));
    }

    [Fact]
    public async Task An_order_placed_elsewhere_appears_live_and_its_button_moves_it_to_each_next_status_until_it_leaves_the_board()
    {
        var tea = await DishAsync("Mint tea", "3.50");
        var board = RenderBoard();
        Assert.Equal("0", board.Find("[data-test=orders-count]").TextContent);

        var order = await Mediator.Send(new PlaceOrder(Desk, Bar, OrderType.Takeaway, [new OrderItem(tea, 2)], Tip: "1.00"));

        board.WaitForAssertion(() => Assert.Equal("8.00 USD", board.Find($"[data-id='{order.Id}'] [data-test=order-total]").TextContent), Wait);
        // Find and click in one renderer turn: the live push of the previous step may re-render the board in between.
        Task Click(string test) => board.InvokeAsync(() => board.Find($"[data-id='{order.Id}'] [data-test={test}]").Click());
        foreach (var (button, status) in new[] { ("Confirm", "Confirmed"), ("Start preparing", "Preparing"), ("Mark ready", "Ready") })
        {
            board.WaitForAssertion(() => Assert.Equal(button, board.Find($"[data-id='{order.Id}'] [data-test=order-next]").TextContent), Wait);
            await Click("order-next");
            board.WaitForAssertion(() => Assert.Equal(status, board.Find($"[data-id='{order.Id}'] [data-test=order-status]").TextContent), Wait);
        }

        await Click("order-next");   // Completed: done, off the board
        board.WaitForAssertion(() => Assert.Empty(board.FindAll("[data-test=order]")), Wait);
    }

    [Fact]
    public async Task Cancelling_on_the_board_takes_the_order_off_it_and_records_why()
    {
        var tea = await DishAsync("Chai", "2.00");
        var order = await Mediator.Send(new PlaceOrder(Desk, Bar, OrderType.DineIn, [new OrderItem(tea, 1)], Table: "5"));
        var board = RenderBoard();
        Assert.Contains("Dine-in · table 5", board.Find($"[data-id='{order.Id}'] .type").TextContent);

        await board.InvokeAsync(() => board.Find($"[data-id='{order.Id}'] [data-test=order-cancel]").Click());

        board.WaitForAssertion(() => Assert.Empty(board.FindAll("[data-test=order]")), Wait);
        await using var session = Store.QuerySession(Tenant);
        var events = await session.Events.FetchStreamAsync(order.Id);
        Assert.Equal("Cancelled on the orders board", Assert.IsType<OrderCancelled>(events[^1].Data).Reason);
    }

    [Fact]
    public async Task The_board_shows_each_orders_subtotal_service_charge_tax_and_tip_above_its_total()
    {
        await Mediator.Send(new ChangeLocationCharges(Desk, Bar, "8.25", "18", ServiceChargeDineInOnly: true));
        var tea = await DishAsync("Mint tea", "3.50");
        var dineIn = await Mediator.Send(new PlaceOrder(Desk, Bar, OrderType.DineIn, [new OrderItem(tea, 2)], Table: "3", Tip: "1.00"));
        var takeaway = await Mediator.Send(new PlaceOrder(Desk, Bar, OrderType.Takeaway, [new OrderItem(tea, 2)]));

        var board = RenderBoard();

        string Shown(Guid order, string test) => board.Find($"[data-id='{order}'] [data-test={test}]").TextContent;
        board.WaitForAssertion(() => Assert.Equal("9.94 USD", Shown(dineIn.Id, "order-total")), Wait);
        Assert.Equal(["7.00 USD", "1.26 USD", "0.68 USD", "1.00 USD"],
            new[] { "order-subtotal", "order-servicecharge", "order-tax", "order-tip" }.Select(t => Shown(dineIn.Id, t)));
        Assert.Equal(["Subtotal", "Service charge", "Tax", "Tip"], board.FindAll($"[data-id='{dineIn.Id}'] dt").Select(d => d.TextContent));
        // A takeaway pays no dine-in service charge and left no tip: only its tax is listed.
        Assert.Equal(["Subtotal", "Tax"], board.FindAll($"[data-id='{takeaway.Id}'] dt").Select(d => d.TextContent));
        Assert.Equal("7.58 USD", Shown(takeaway.Id, "order-total"));
    }
}
