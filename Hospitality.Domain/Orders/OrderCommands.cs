using Hospitality.Domain.Common;
using Hospitality.Domain.Customers;
using Hospitality.Domain.Menus;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Orders;

/// <summary>What a guest or staff member asks for: a dish of the location's menu and how many.</summary>
public sealed record OrderItem(Guid DishId, int Quantity, string? AddedBy = null);

/// <summary>Staff place an order at a location; prices come from the location's menu on the server.</summary>
public sealed record PlaceOrder(
    Actor Actor, string LocationId, OrderType Type, IReadOnlyList<OrderItem> Items, string? CustomerId = null, string? Table = null,
    string? Tip = null, Guid? OrderId = null) : IRequest<Order>;

/// <summary>Move an order to its next status (the staff board's button). <paramref name="To"/>: the status the screen showed as next.</summary>
public sealed record AdvanceOrderStatus(Actor Actor, Guid OrderId, OrderStatus To) : IRequest<Order>;

public sealed record CancelOrderRequest(Actor Actor, Guid OrderId, string? Reason) : IRequest<Order>;

public sealed class OrderCommandHandlers(IDocumentStore store, IMediator mediator, TimeProvider clock) :
    IRequestHandler<PlaceOrder, Order>, IRequestHandler<AdvanceOrderStatus, Order>, IRequestHandler<CancelOrderRequest, Order>
{
    public async Task<Order> Handle(PlaceOrder request, CancellationToken ct)
    {
        var actor = request.Actor;
        var menu = await mediator.Send(new GetMenu(actor, request.LocationId, IncludeUnavailable: true), ct);
        var location = await mediator.Send(new FindLocation(actor, menu.LocationId), ct);
        if (request.CustomerId is { Length: > 0 } guest
            && (await mediator.Send(new GetCustomers(actor, [guest]), ct)).SingleOrDefault() is not { Erased: false })
            throw DomainException.NotFound($"Guest {guest} does not exist.");
        var currency = Billing.Currency.Of(menu.Currency);
        var lines = request.Items.Select(i =>
        {
            var price = MenuPrices.PriceOf(menu, i.DishId);
            return new OrderLine(i.DishId, menu.Dish(i.DishId)!.Name, i.Quantity, price.Minor, i.AddedBy);
        }).ToList();
        var tip = string.IsNullOrWhiteSpace(request.Tip) ? 0 : ReadTip(request.Tip, currency);
        var id = request.OrderId ?? Guid.NewGuid();
        await using var session = Open(actor);
        session.Events.StartStream<Order>(id, OrderDecisions.Decide(null, new PlaceOrderCommand(id, menu.LocationId, request.Type,
            string.IsNullOrWhiteSpace(request.CustomerId) ? null : request.CustomerId, lines, menu.Currency, tip, request.Table, clock.GetUtcNow(), location.Charges)));
        await CommitAsync(session, ct);
        return session.LastCommitted.Find<Order>(id) ?? (await session.LoadAsync<Order>(id, ct))!;
    }

    public Task<Order> Handle(AdvanceOrderStatus request, CancellationToken ct) =>
        ChangeAsync(request.Actor, request.OrderId, new AdvanceOrder(request.To, clock.GetUtcNow()), ct);

    public Task<Order> Handle(CancelOrderRequest request, CancellationToken ct) =>
        ChangeAsync(request.Actor, request.OrderId, new CancelOrder(request.Reason, clock.GetUtcNow()), ct);

    private async Task<Order> ChangeAsync(Actor actor, Guid orderId, OrderCommand command, CancellationToken ct)
    {
        await using var session = Open(actor);
        var order = await session.Events.AggregateStreamAsync<Order>(orderId, ct: ct);
        // An order at a location the actor cannot reach is reported as missing: no hint that it exists.
        if (order is null || !actor.CanReach(order.LocationId)) throw DomainException.NotFound($"Order {orderId} does not exist.");
        session.Events.Append(orderId, order.Version, OrderDecisions.Decide(order, command));
        await CommitAsync(session, ct);
        return session.LastCommitted.Find<Order>(orderId) ?? (await session.LoadAsync<Order>(orderId, ct))!;
    }

    private static long ReadTip(string text, Billing.Currency currency)
    {
        try
        {
            return Billing.Money.Parse(text, currency).Minor;
        }
        catch (DomainException e)
        {
            throw DomainException.Invalid($"The tip is not valid: {e.Message}");
        }
    }

    private IDocumentSession Open(Actor actor) => store.Writing(actor);

    private static async Task CommitAsync(IDocumentSession session, CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException)
        {
            throw DomainException.Conflict("The order was changed by someone else at the same moment. Reload it and try again.");
        }
    }
}
