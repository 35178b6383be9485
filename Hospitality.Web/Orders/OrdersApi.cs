using Hospitality.Domain;
using Hospitality.Domain.Common;
using Hospitality.Domain.Orders;
using Hospitality.Domain.Tenancy;
using Hospitality.Web.Infrastructure;
using Hospitality.Web.Staff;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospitality.Web.Orders;

/// <summary>
/// Orders over HTTP for staff: place one (priced from the location's menu on the server), the open orders of a
/// location for the orders board, move one to its next status or cancel it, and seed 001's getCustomerOrders.
/// </summary>
public static class OrdersApi
{
    public static RouteGroupBuilder MapOrdersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/orders").WithTags("Orders").AddEndpointFilter<CrossSiteWriteGuard>()
            .RequireAuthorization(Policies.OperateSessions);
        group.MapPost("/", Place).WithMetadata(new IdempotentAttribute());
        group.MapGet("/", async (HttpContext http, IMediator m, string? locationId, CancellationToken ct) =>
            TypedResults.Ok(OrderView.Of(await m.Send(new GetOrdersBoard(http.User.ToActor()!, locationId ?? throw Missing("locationId")), ct))));
        group.MapPost("/{orderId:guid}/status", async (HttpContext http, IMediator m, Guid orderId, StatusBody body, CancellationToken ct) =>
            TypedResults.Ok(OrderView.Of(await m.Send(new AdvanceOrderStatus(http.User.ToActor()!, orderId, EnumNames.Parse<OrderStatus>(body.Status, "order status")), ct))))
            .WithMetadata(new IdempotentAttribute());
        group.MapPost("/{orderId:guid}/cancel", async (HttpContext http, IMediator m, Guid orderId, CancelBody body, CancellationToken ct) =>
            TypedResults.Ok(OrderView.Of(await m.Send(new CancelOrderRequest(http.User.ToActor()!, orderId, body.Reason), ct)))).WithMetadata(new IdempotentAttribute());
        routes.MapGet("/api/customers/{customerId}/orders", async (HttpContext http, IMediator m, string customerId, int? limit, CancellationToken ct) =>
            TypedResults.Ok(OrderView.Of(await m.Send(new GetCustomerOrders(http.User.ToActor()!, customerId, limit ?? 20), ct))))
            .WithTags("Orders").RequireAuthorization(Policies.OperateSessions);
        return group;
    }

    private static async Task<Created<OrderView>> Place(HttpContext http, IMediator mediator, OrderBody body, CancellationToken ct)
    {
        var order = await mediator.Send(new PlaceOrder(http.User.ToActor()!, body.LocationId ?? throw Missing("locationId"),
            EnumNames.Parse<OrderType>(body.OrderType ?? body.Type, "order type"),
            [.. (body.Items ?? throw Missing("items")).Select(i => new OrderItem(i.DishId ?? throw Missing("items[].dishId"), i.Quantity ?? 1))],
            body.CustomerId, body.Table, body.Tip), ct);
        return TypedResults.Created($"/api/orders/{order.Id}", OrderView.Of(order));
    }

    private static DomainException Missing(string field) => DomainException.Invalid($"The field '{field}' is required.");
}

/// <summary>A new order; <c>orderType</c> (seed 001) or <c>type</c>: dine_in, takeaway or delivery. <c>tip</c> in major units, as text.</summary>
public sealed record OrderBody(string? LocationId, string? OrderType, string? Type, IReadOnlyList<ItemBody>? Items, string? CustomerId, string? Table, string? Tip);

public sealed record ItemBody(Guid? DishId, int? Quantity);

public sealed record StatusBody(string? Status);

public sealed record CancelBody(string? Reason);
