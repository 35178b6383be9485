using Hospitality.Domain.Menus;
using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Demo;

namespace Hospitality.Tests.Menus;

/// <summary>The demo host (in-memory store) gives each lounge its menu through the real commands.</summary>
public sealed class MenuDemoTests : DemoHostTests
{
    [Theory]
    [InlineData("downtown")]
    [InlineData("harbor")]
    public async Task Each_demo_lounge_has_drinks_mezze_desserts_and_hookah_add_ons_with_one_dish_sold_out(string location)
    {
        var menu = await SendAsync(new GetMenu(Actor, location, IncludeUnavailable: true));
        var guests = await SendAsync(new GetMenu(Actor, location, IncludeUnavailable: false));

        Assert.Equal(MenuDemo.Dishes.Count, menu.Dishes.Count);
        Assert.Equal("USD", menu.Currency);
        Assert.Superset(new HashSet<DishType> { DishType.Drink, DishType.Veg, DishType.Dessert, DishType.Side }, menu.Dishes.Select(d => d.Type).ToHashSet());
        Assert.Equal(["Kunafa"], menu.Dishes.Where(d => !d.Available).Select(d => d.Name));
        Assert.DoesNotContain(guests.Dishes, d => d.Name == "Kunafa");
    }
}
