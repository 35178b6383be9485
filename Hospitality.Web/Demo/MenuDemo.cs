using Hospitality.Domain.Common;
using Hospitality.Domain.Menus;
using MediatR;

namespace Hospitality.Web.Demo;

/// <summary>A short hookah-lounge menu for each demo lounge, added through the real commands (prices in the lounge's currency).</summary>
public static class MenuDemo
{
    public static IReadOnlyList<DishInput> Dishes =>
    [
        new("Fresh Mint Tea", "drink", "4.50", "A pot of green tea with fresh mint, for two."),
        new("Turkish Coffee", "drink", "4.00", "Cardamom, served with a glass of water."),
        new("Mint Lemonade", "drink", "6.00", "Blended lemon and mint over ice."),
        new("Mezze Platter", "veg", "14.00", "Hummus, baba ghanoush, labneh, olives and warm pita."),
        new("Falafel", "vegan", "8.50", "Six pieces with tahini."),
        new("Chicken Shawarma Wrap", "non-veg", "11.00", "Garlic toum, pickles, fries on the side."),
        new("Halloumi Fries", "side", "7.50", "With pomegranate molasses."),
        new("Kunafa", "dessert", "9.00", "Warm, with sweet cheese and pistachio."),
        new("Baklava", "dessert", "6.50", "Four pieces of walnut and pistachio baklava."),
        new("Ice Hose", "side", "3.00", "Hookah add-on: a chilled hose for a cooler smoke."),
        new("Fruit Head", "side", "12.00", "Hookah add-on: a pineapple or grapefruit bowl."),
        new("Extra Coals", "side", "2.00", "Hookah add-on: a fresh set of natural coals."),
    ];

    public static async Task SeedAsync(IMediator mediator, Actor actor, IReadOnlyList<string> locationIds, CancellationToken ct = default)
    {
        foreach (var location in locationIds)
        {
            foreach (var dish in Dishes) await mediator.Send(new AddMenuDish(actor, location, Guid.NewGuid(), dish), ct);
            // Something is always sold out by the evening: the staff view shows it, the guest listing does not.
            var kunafa = (await mediator.Send(new GetMenu(actor, location, IncludeUnavailable: true), ct)).Dishes.First(d => d.Name == "Kunafa");
            await mediator.Send(new SetMenuDishAvailability(actor, location, kunafa.Id, Available: false), ct);
        }
    }
}
