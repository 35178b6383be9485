using Hospitality.Domain.Billing;
using Hospitality.Domain.Common;

namespace Hospitality.Domain.Menus;

/// <summary>One dish as the menu shows it. <paramref name="Version"/>: the menu version at which the dish last changed.</summary>
/// <param name="PriceMinor">The price in minor units of the menu's currency; read it as <see cref="Menu.PriceOf(MenuDish)"/>.</param>
public sealed record MenuDish(Guid Id, string Name, DishType Type, long PriceMinor, string Description, bool Available, long Version);

/// <summary>
/// A location's menu, folded from its events: the decision state and, stored inline by the store (<c>InlineSnapshot</c>), the
/// read model. Dishes keep the order they were added in.
/// </summary>
/// <param name="Currency">The ISO 4217 code every price on this menu is in.</param>
public sealed record Menu(Guid Id, string LocationId, string Currency, IReadOnlyList<MenuDish> Dishes, long Version)
{
    // Fixed forever: changing it would orphan every menu stream already written.
    private static readonly Guid StreamNamespace = Guid.Parse("6f1c2a57-8d3e-4b0a-9c65-3e8f1d2b7a40");

    /// <summary>
    /// The menu's stream id, derived from the tenant and location (a name-based UUID, RFC 9562 version 5), so a menu
    /// is found without an index and two first dishes added at once meet on one stream instead of making two menus.
    /// </summary>
    public static Guid StreamId(string tenantId, string locationId) => NameBasedGuid.Create(StreamNamespace, $"menu\n{tenantId}\n{locationId}");

    /// <summary>The menu of a location that has no dishes yet.</summary>
    public static Menu Empty(Guid id, string locationId, Currency currency) => new(id, locationId, currency.Code, [], 0);

    public MenuDish? Dish(Guid dishId) => Dishes.FirstOrDefault(d => d.Id == dishId);

    /// <summary>
    /// The dish called <paramref name="name"/>, ignoring case and surrounding spaces, an available one first: for clients
    /// that name a dish instead of picking it (seed 001's socket sends <c>dishName</c>).
    /// </summary>
    public MenuDish? DishNamed(string name) => Dishes
        .Where(d => string.Equals(d.Name.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase))
        .OrderByDescending(d => d.Available).FirstOrDefault();

    /// <summary>The dish's price as money in the menu's currency.</summary>
    public Money PriceOf(MenuDish dish) => new(dish.PriceMinor, Billing.Currency.Of(Currency));

    /// <summary>Only what guests may order: sold-out dishes left out.</summary>
    public Menu AvailableOnly() => this with { Dishes = [.. Dishes.Where(d => d.Available)] };

    /// <summary>Folds one event at stream version <paramref name="version"/>; null until the menu is opened.</summary>
    public static Menu? Fold(Menu? menu, object e, long version) => (menu, e) switch
    {
        (null, MenuOpened o) => new Menu(o.MenuId, o.LocationId, o.Currency, [], version),
        (null, _) => null,
        (_, DishAdded a) => menu with
        {
            Dishes = [.. menu.Dishes, new MenuDish(a.DishId, a.Name, a.Type, a.PriceMinor, a.Description, true, version)], Version = version,
        },
        (_, DishChanged c) => menu.Changing(c.DishId, version, d => d with { Name = c.Name, Type = c.Type, PriceMinor = c.PriceMinor, Description = c.Description }),
        (_, DishMadeUnavailable u) => menu.Changing(u.DishId, version, d => d with { Available = false }),
        (_, DishMadeAvailable a) => menu.Changing(a.DishId, version, d => d with { Available = true }),
        (_, DishRemoved r) => menu with { Dishes = [.. menu.Dishes.Where(d => d.Id != r.DishId)], Version = version },
        _ => menu with { Version = version },
    };

    private Menu Changing(Guid dishId, long version, Func<MenuDish, MenuDish> change) => this with
    {
        Dishes = [.. Dishes.Select(d => d.Id == dishId ? change(d) with { Version = version } : d)], Version = version,
    };
}
