using Hospitality.Domain.Billing;

namespace Hospitality.Domain.Menus;

public abstract record MenuCommand(DateTimeOffset At);
public sealed record OpenMenu(Guid MenuId, string LocationId, Currency Currency, DateTimeOffset At) : MenuCommand(At);
public sealed record AddDish(Guid DishId, string? Name, DishType Type, Money Price, string? Description, DateTimeOffset At) : MenuCommand(At);
/// <param name="ExpectedVersion">The dish version the editor saw; a dish changed since then is not overwritten.</param>
public sealed record ChangeDish(Guid DishId, string? Name, DishType Type, Money Price, string? Description, long? ExpectedVersion, DateTimeOffset At) : MenuCommand(At);
public sealed record SetDishAvailability(Guid DishId, bool Available, DateTimeOffset At) : MenuCommand(At);
public sealed record RemoveDish(Guid DishId, DateTimeOffset At) : MenuCommand(At);

/// <summary>Pure decisions about a location's menu: given its state and a command, the events, or a refusal a manager can read.</summary>
public static class MenuDecisions
{
    public const int MaxNameLength = 80, MaxDescriptionLength = 300;

    /// <summary>The highest price a dish may have, in major units of the menu's currency: a typo guard, not a business rule.</summary>
    public const long MaxPriceMajor = 100_000;

    public static object[] Decide(Menu? menu, MenuCommand command)
    {
        if (command is OpenMenu open)
        {
            if (menu is not null) throw DomainException.Conflict("This location already has a menu.");
            return [new MenuOpened(open.MenuId, open.LocationId, open.Currency.Code, open.At)];
        }

        if (menu is null) throw DomainException.NotFound("This location has no menu yet; add a dish first.");
        return command switch
        {
            AddDish a when menu.Dish(a.DishId) is not null => throw DomainException.Conflict("That dish was already added."),
            AddDish a => [Valid(menu, a.DishId, a.Name, a.Type, a.Price, a.Description,
                (name, price, description) => new DishAdded(a.DishId, name, a.Type, price, description, a.At))],
            ChangeDish c => Change(menu, c),
            SetDishAvailability s when Existing(menu, s.DishId).Available == s.Available => [],
            SetDishAvailability s when s.Available => [new DishMadeAvailable(s.DishId, s.At)],
            SetDishAvailability s => [new DishMadeUnavailable(s.DishId, s.At)],
            RemoveDish r => [new DishRemoved(Existing(menu, r.DishId).Id, r.At)],
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown menu command."),
        };
    }

    private static object[] Change(Menu menu, ChangeDish c)
    {
        var dish = Existing(menu, c.DishId);
        if (c.ExpectedVersion is { } seen && seen != dish.Version)
            throw DomainException.Conflict($"{dish.Name} changed since you opened it (you had version {seen}, it is now at {dish.Version}). Reload and try again.");
        var changed = Valid(menu, c.DishId, c.Name, c.Type, c.Price, c.Description,
            (name, price, description) => new DishChanged(c.DishId, name, c.Type, price, description, c.At));
        var unchanged = changed.Name == dish.Name && changed.Type == dish.Type && changed.PriceMinor == dish.PriceMinor && changed.Description == dish.Description;
        return unchanged ? [] : [changed];
    }

    private static MenuDish Existing(Menu menu, Guid dishId) =>
        menu.Dish(dishId) ?? throw DomainException.NotFound("That dish is not on this menu (it may have been removed).");

    private static T Valid<T>(Menu menu, Guid dishId, string? rawName, DishType type, Money price, string? rawDescription, Func<string, long, string, T> make)
    {
        var name = string.Join(' ', (rawName ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (name.Length == 0) throw DomainException.Invalid("A dish needs a name.");
        if (name.Length > MaxNameLength) throw DomainException.Invalid($"A dish name can be at most {MaxNameLength} characters; this one has {name.Length}.");
        if (name.Any(char.IsControl)) throw DomainException.Invalid("The dish name contains control characters.");
        if (menu.Dishes.Any(d => d.Id != dishId && string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase)))
            throw DomainException.Conflict($"There is already a dish called \u201c{name}\u201d on this menu; choose another name.");
        if (!Enum.IsDefined(type)) throw DomainException.Invalid($"Unknown dish type {(int)type}.");
        if (price.Currency is null || price.Currency.Code != menu.Currency)
            throw DomainException.Invalid($"Prices on this menu are in {menu.Currency}; a price in {price.Currency?.Code ?? "no currency"} cannot be used.");
        if (price.Minor <= 0) throw DomainException.Invalid("The price must be more than zero.");
        var max = new Money(MaxPriceMajor * price.Currency.MinorPerMajor, price.Currency);
        if (price > max) throw DomainException.Invalid($"The price {price} is more than the most a dish may cost ({max}).");
        var description = rawDescription?.Trim() ?? "";
        if (description.Length > MaxDescriptionLength)
            throw DomainException.Invalid($"A description can be at most {MaxDescriptionLength} characters; this one has {description.Length}.");
        return make(name, price.Minor, description);
    }
}
