using Hospitality.EventStore;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Domain.MachineOrders;

/// <summary>What machine sales register with the store and the container. Explicit, no scanning.</summary>
public static class MachineOrdersModule
{
    public static void Configure(StoreOptions options)
    {
        options.Events.Add<MachineOrderPlaced>().Add<MachineOrderRefunded>();
        options.Schema.For<MachineOrder>(o => o.Id);
        options.Projections.InlineSnapshot<MachineOrder>("machine_orders", (state, e) => MachineOrder.Fold(state, e.Data, e.Version),
            typeof(MachineOrderPlaced), typeof(MachineOrderRefunded));
    }

    public static IServiceCollection AddMachineOrders(this IServiceCollection services)
    {
        services.AddTransient<IRequestHandler<CreateMachineOrder, MachineOrderView>, MachineOrderHandlers>();
        services.AddTransient<IRequestHandler<RefundMachineOrder, MachineOrderView>, MachineOrderHandlers>();
        services.AddTransient<IRequestHandler<ListMachineOrders, MachineOrderPage>, MachineOrderHandlers>();
        services.AddTransient<IRequestHandler<GetMachineOrder, MachineOrderView>, MachineOrderHandlers>();
        services.AddTransient<IRequestHandler<ExportMachineOrders, MachineOrderExport>, MachineOrderHandlers>();
        return services;
    }
}
