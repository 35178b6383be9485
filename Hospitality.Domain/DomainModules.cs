using Hospitality.Domain.Alarms;
using Hospitality.Domain.Circles;
using Hospitality.Domain.Dashboard;
using Hospitality.Domain.Devices;
using Hospitality.Domain.RemoteCommands;
using Hospitality.Domain.GroupOrders;
using Hospitality.Domain.Materials;
using Hospitality.Domain.OperationLog;
using Hospitality.Domain.MachineOrders;
using Hospitality.Domain.Menus;
using Hospitality.Domain.Orders;
using Hospitality.Domain.Recipes;
using Hospitality.Domain.Sessions;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Domain;

/// <summary>
/// Every feature, registered once: the web host and the tests compose the same domain, so a feature added here cannot
/// be missing from one of them. Features stay explicit (no scanning); add a new one on both lines.
/// </summary>
public static class DomainModules
{
    public static void Configure(StoreOptions options)
    {
        TenancyStore.Configure(options);
        SessionsModule.Configure(options);   // with the guest book, which cards and suggestions read
        CirclesModule.Configure(options);
        MenusModule.Configure(options);
        OrdersModule.Configure(options);
        GroupOrdersModule.Configure(options);
        MaterialsModule.Configure(options);
        DevicesModule.Configure(options);
        RemoteCommandsModule.Configure(options);
        Alarms.AlarmsModule.Configure(options);
        OperationLogModule.Configure(options);
        MachineOrdersModule.Configure(options);
        RecipesModule.Configure(options);
    }

    public static IServiceCollection AddDomain(this IServiceCollection services) =>
        services.AddSessions().AddCircles().AddMenus().AddOrders().AddLocationCharges().AddGroupOrders().AddMaterials().AddDevices()
            .AddRemoteCommands().AddAlarms().AddOperationLog().AddMachineOrders()
            .AddRecipes().AddDashboard();
}
