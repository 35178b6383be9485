using Hospitality.EventStore;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Domain.Orders;

/// <summary>What orders register with the store and the container. Explicit, no scanning.</summary>
public static class OrdersModule
{
    public static void Configure(StoreOptions options)
    {
        options.Events.Add<OrderPlaced>().Add<OrderAdvanced>().Add<OrderCancelled>();
        options.Schema.For<Order>(o => o.Id);
        options.Projections.InlineSnapshot<Order>("orders", (state, e) => Order.Fold(state, e.Data, e.Version),
            typeof(OrderPlaced), typeof(OrderAdvanced), typeof(OrderCancelled));
    }

    public static IServiceCollection AddOrders(this IServiceCollection services)
    {
        services.AddTransient<IRequestHandler<PlaceOrder, Order>, OrderCommandHandlers>();
        services.AddTransient<IRequestHandler<AdvanceOrderStatus, Order>, OrderCommandHandlers>();
        services.AddTransient<IRequestHandler<CancelOrderRequest, Order>, OrderCommandHandlers>();
        services.AddTransient<IRequestHandler<GetOrdersBoard, IReadOnlyList<Order>>, OrderQueries>();
        services.AddTransient<IRequestHandler<GetCustomerOrders, IReadOnlyList<Order>>, OrderQueries>();
        return services;
    }
}
