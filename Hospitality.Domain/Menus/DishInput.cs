using Hospitality.Domain.Billing;
using Hospitality.Domain.Common;

namespace Hospitality.Domain.Menus;

/// <summary>
/// A dish as a manager's form or the API sends it: text throughout, the price in major units ("2.99", never a float).
/// <paramref name="Type"/> takes the API's names (veg, non_veg, ...) and the seed's "non-veg".
/// </summary>
public sealed record DishInput(string? Name, string? Type, string? Price, string? Description = null, string? Currency = null)
{
    public DishType ReadType() => string.IsNullOrWhiteSpace(Type)
        ? throw DomainException.Invalid($"The dish type is required; use one of: {string.Join(", ", EnumNames.Names<DishType>())}.")
        : EnumNames.Parse<DishType>(Type.Trim().Replace('-', '_').Replace(' ', '_'), "dish type");

    public Money ReadPrice(Currency menuCurrency) => MenuPrices.Read(Price, Currency, menuCurrency);
}
