using Hospitality.Domain.Billing;

namespace Hospitality.Domain.Menus;

/// <summary>
/// The currency a new menu is priced in, from its location's country (ISO 3166: US is USD, GB is GBP, IN is INR,
/// AE is AED, euro countries EUR). A country not listed falls back to USD, the currency of <see cref="Tenancy.Location.DefaultCountry"/>.
/// The currency is recorded when the menu opens and never follows a later change of the location's country.
/// </summary>
public static class MenuCurrencies
{
    private static readonly Dictionary<string, Currency> ByCountry = new(StringComparer.OrdinalIgnoreCase)
    {
        ["US"] = Currency.USD, ["GB"] = Currency.GBP, ["IN"] = Currency.INR, ["AE"] = Currency.AED,
        ["SA"] = Currency.SAR, ["QA"] = Currency.QAR, ["KW"] = Currency.KWD, ["BH"] = Currency.BHD,
        ["OM"] = Currency.OMR, ["JO"] = Currency.JOD, ["TN"] = Currency.TND, ["CA"] = Currency.CAD,
        ["AU"] = Currency.AUD, ["CH"] = Currency.CHF, ["JP"] = Currency.JPY, ["KR"] = Currency.KRW,
        ["DE"] = Currency.EUR, ["FR"] = Currency.EUR, ["ES"] = Currency.EUR, ["IT"] = Currency.EUR,
        ["NL"] = Currency.EUR, ["BE"] = Currency.EUR, ["AT"] = Currency.EUR, ["IE"] = Currency.EUR,
        ["PT"] = Currency.EUR, ["FI"] = Currency.EUR, ["GR"] = Currency.EUR,
    };

    public static Currency ForCountry(string? country) =>
        country is not null && ByCountry.TryGetValue(country.Trim(), out var currency) ? currency : Currency.USD;
}
