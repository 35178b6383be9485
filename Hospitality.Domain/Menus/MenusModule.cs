using Hospitality.EventStore;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Domain.Menus;

/// <summary>What a location's menu registers with the store and the container. Explicit, no scanning.</summary>
public static class MenusModule
{
    public static void Configure(StoreOptions options)
    {
        options.Events
            .Add<MenuOpened>().Add<DishAdded>().Add<DishChanged>()
            .Add<DishMadeUnavailable>().Add<DishMadeAvailable>().Add<DishRemoved>();
        options.Schema.For<Menu>(m => m.Id);
        options.Projections.InlineSnapshot<Menu>("menus", (state, e) => Menu.Fold(state, e.Data, e.Version),
            typeof(MenuOpened), typeof(DishAdded), typeof(DishChanged), typeof(DishMadeUnavailable), typeof(DishMadeAvailable), typeof(DishRemoved));
    }

    public static IServiceCollection AddMenus(this IServiceCollection services)
    {
        services.AddTransient<IRequestHandler<AddMenuDish, Menu>, MenuCommandHandlers>();
        services.AddTransient<IRequestHandler<ChangeMenuDish, Menu>, MenuCommandHandlers>();
        services.AddTransient<IRequestHandler<SetMenuDishAvailability, Menu>, MenuCommandHandlers>();
        services.AddTransient<IRequestHandler<RemoveMenuDish, Menu>, MenuCommandHandlers>();
        services.AddTransient<IRequestHandler<GetMenu, Menu>, MenuQueries>();
        return services;
    }
}
