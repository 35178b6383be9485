namespace Hospitality.Domain.Menus;

// Prices in these events are counts of minor units (cents, fils) in the menu's currency, fixed by MenuOpened.
// The currency never changes on a menu, so one code per stream is enough and a price can never be read in another.

/// <summary>A location's menu came into being, priced in <paramref name="Currency"/> (an ISO 4217 code).</summary>
public sealed record MenuOpened(Guid MenuId, string LocationId, string Currency, DateTimeOffset At);

/// <summary>A manager put a dish on the menu; it is available until someone marks it sold out.</summary>
public sealed record DishAdded(Guid DishId, string Name, DishType Type, long PriceMinor, string Description, DateTimeOffset At);

/// <summary>A manager changed a dish's name, type, price or description; the values replace the old ones.</summary>
public sealed record DishChanged(Guid DishId, string Name, DishType Type, long PriceMinor, string Description, DateTimeOffset At);

/// <summary>The dish is sold out for now (tonight): guests no longer see it, staff still do.</summary>
public sealed record DishMadeUnavailable(Guid DishId, DateTimeOffset At);

/// <summary>The dish can be ordered again.</summary>
public sealed record DishMadeAvailable(Guid DishId, DateTimeOffset At);

/// <summary>A manager took the dish off the menu for good; its name is free for a new dish.</summary>
public sealed record DishRemoved(Guid DishId, DateTimeOffset At);

/// <summary>What kind of dish it is; the menu shows dishes grouped in this order.</summary>
public enum DishType { Veg, NonVeg, Vegan, Drink, Dessert, Side }
