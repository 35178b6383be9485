using Hospitality.Domain.Billing;

namespace Hospitality.Domain.Menus;

/// <summary>Prices come from the menu, read on the server: a client's price is never believed.</summary>
public static class MenuPrices
{
    /// <summary>What <paramref name="dishId"/> costs now, for an order being priced (group orders).</summary>
    /// <exception cref="DomainException">NotFound for a dish not on the menu, Conflict for one that is sold out.</exception>
    public static Money PriceOf(Menu menu, Guid dishId)
    {
        var dish = menu.Dish(dishId) ?? throw DomainException.NotFound("That dish is not on the menu of this location (it may have been removed).");
        if (!dish.Available) throw DomainException.Conflict($"{dish.Name} is sold out for now; choose something else.");
        return menu.PriceOf(dish);
    }

    /// <summary>
    /// Reads a price typed or sent as text in major units ("2.99"), in the menu's currency. A currency sent with it must
    /// be the menu's. Refusals start with "The price" or "The currency", so they name the field.
    /// </summary>
    public static Money Read(string? text, string? currencyCode, Currency menuCurrency)
    {
        if (!string.IsNullOrWhiteSpace(currencyCode))
        {
            var code = currencyCode.Trim().ToUpperInvariant();
            if (code != menuCurrency.Code)
                throw DomainException.Invalid($"The currency \u201c{code}\u201d is not this menu's: prices here are in {menuCurrency.Code}.");
        }
        try
        {
            return Money.Parse(text, menuCurrency);
        }
        catch (DomainException e)
        {
            throw DomainException.Invalid($"The price is not valid: {e.Message}");
        }
    }
}
