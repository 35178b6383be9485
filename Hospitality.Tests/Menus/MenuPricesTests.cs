using Hospitality.Domain;
using Hospitality.Domain.Billing;
using Hospitality.Domain.Menus;

namespace Hospitality.Tests.Menus;

/// <summary>Server-side prices: what a dish costs, how typed prices are read, which currency a menu starts in, where it lives.</summary>
public class MenuPricesTests
{
    private static readonly Guid Tea = Guid.NewGuid(), Kunafa = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 19, 0, 0, TimeSpan.Zero);

    private static Menu KuwaitMenu() =>
        new[] { new MenuOpened(Guid.NewGuid(), "bar", "KWD", T0) }.Cast<object>()
            .Append(new DishAdded(Tea, "Tea", DishType.Drink, 1250, "", T0))
            .Append(new DishAdded(Kunafa, "Kunafa", DishType.Dessert, 3000, "", T0))
            .Append(new DishMadeUnavailable(Kunafa, T0))
            .Select((e, i) => (e, i)).Aggregate((Menu?)null, (m, x) => Menu.Fold(m, x.e, x.i + 1))!;

    [Fact]
    public void The_price_of_an_available_dish_is_the_menus_in_its_currency()
    {
        var price = MenuPrices.PriceOf(KuwaitMenu(), Tea);
        Assert.Equal(new Money(1250, Currency.KWD), price);
        Assert.Equal("1.250 KWD", price.ToString());
    }

    [Fact]
    public void A_sold_out_or_unknown_dish_has_no_price()
    {
        var soldOut = Assert.Throws<DomainException>(() => MenuPrices.PriceOf(KuwaitMenu(), Kunafa));
        Assert.Equal((DomainErrorKind.Conflict, "Kunafa is sold out for now; choose something else."), (soldOut.Kind, soldOut.Message));
        var unknown = Assert.Throws<DomainException>(() => MenuPrices.PriceOf(KuwaitMenu(), Guid.NewGuid()));
        Assert.Equal(DomainErrorKind.NotFound, unknown.Kind);
        Assert.Contains("not on the menu", unknown.Message);
    }

    [Theory]
    [InlineData("2.99", null, 299)]
    [InlineData(" 3 ", "usd", 300)]
    [InlineData("0.5", "USD", 50)]
    public void A_typed_price_is_read_exactly_in_minor_units(string text, string? currency, long minor) =>
        Assert.Equal(new Money(minor, Currency.USD), MenuPrices.Read(text, currency, Currency.USD));

    [Theory]
    [InlineData("2.999", null, "The price is not valid: \"2.999\" has 3 decimals; USD has 2.")]
    [InlineData("-1", null, "The price is not valid: The amount \"-1\" is negative")]
    [InlineData("abc", null, "The price is not valid: \"abc\" is not an amount")]
    [InlineData("", null, "The price is not valid: An amount is required")]
    [InlineData("2.99", "EUR", "The currency \u201cEUR\u201d is not this menu's: prices here are in USD.")]
    public void A_price_that_is_not_an_exact_amount_in_the_menus_currency_is_refused_naming_the_field(string text, string? currency, string reason)
    {
        var error = Assert.Throws<DomainException>(() => MenuPrices.Read(text, currency, Currency.USD));
        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.StartsWith(reason, error.Message);
    }

    [Theory]
    [InlineData("US", "USD")]
    [InlineData("GB", "GBP")]
    [InlineData("in", "INR")]
    [InlineData("AE", "AED")]
    [InlineData("KW", "KWD")]
    [InlineData("DE", "EUR")]
    [InlineData("ZZ", "USD")]
    public void A_new_menu_is_priced_in_its_countrys_currency(string country, string currency) =>
        Assert.Equal(currency, MenuCurrencies.ForCountry(country).Code);

    [Fact]
    public void A_menus_stream_is_the_same_for_the_same_location_and_different_for_another_tenant_or_location()
    {
        var id = Menu.StreamId("cloud", "bar");
        Assert.Equal(id, Menu.StreamId("cloud", "bar"));
        Assert.NotEqual(id, Menu.StreamId("rival", "bar"));
        Assert.NotEqual(id, Menu.StreamId("cloud", "terrace"));
        Assert.Equal(5, id.Version);   // a name-based (SHA-1) UUID
    }

    [Theory]
    [InlineData("veg", DishType.Veg)]
    [InlineData("non-veg", DishType.NonVeg)]
    [InlineData("non_veg", DishType.NonVeg)]
    [InlineData("Drink", DishType.Drink)]
    public void Dish_types_are_read_in_the_apis_and_the_seeds_spelling(string text, DishType type) =>
        Assert.Equal(type, new DishInput("x", text, "1").ReadType());

    [Fact]
    public void An_unknown_or_missing_dish_type_is_refused_listing_the_types()
    {
        Assert.Contains("Unknown dish type 'soup'. Use one of: veg, non_veg, vegan, drink, dessert, side.",
            Assert.Throws<DomainException>(() => new DishInput("x", "soup", "1").ReadType()).Message);
        Assert.StartsWith("The dish type is required", Assert.Throws<DomainException>(() => new DishInput("x", null, "1").ReadType()).Message);
    }
}
