using Hospitality.Domain.Common;
using Hospitality.Domain.Menus;

namespace Hospitality.Web.Menus;

/// <summary>What the manager's dish form edits: text as typed (the price too: it is read in the menu's currency on save).</summary>
public sealed class DishFormModel
{
    public Guid? EditingId { get; private set; }
    public long? ExpectedVersion { get; private set; }
    public string EditingName { get; private set; } = "";
    public string Name { get; set; } = "";
    /// <summary>The API's name of the type ("non_veg"), or empty until chosen.</summary>
    public string Type { get; set; } = "";
    public string Price { get; set; } = "";
    public string Description { get; set; } = "";

    public static DishFormModel For(Menu menu, MenuDish dish) => new()
    {
        EditingId = dish.Id, ExpectedVersion = dish.Version, EditingName = dish.Name,
        Name = dish.Name, Type = DishTypes.Name(dish.Type), Price = menu.PriceOf(dish).Amount(), Description = dish.Description,
    };

    public DishInput ToInput() => new(Name, Type, Price, Description);
}

/// <summary>Dish types as the API spells them and as the menu's headings read.</summary>
public static class DishTypes
{
    public static string Name(DishType type) => EnumNames.Names<DishType>().ElementAt((int)type);

    public static string Heading(DishType type) => type switch
    {
        DishType.Veg => "Vegetarian",
        DishType.NonVeg => "Non-vegetarian",
        DishType.Vegan => "Vegan",
        DishType.Drink => "Drinks",
        DishType.Dessert => "Desserts",
        DishType.Side => "Sides & add-ons",
        _ => type.ToString(),
    };
}
