using Hospitality.Domain;
using Hospitality.Domain.Billing;
using Hospitality.Domain.Menus;

namespace Hospitality.Tests.Menus;

/// <summary>Given menu events, when a command, then events or a refusal. No database, no clock.</summary>
public class MenuDecisionTests
{
    private static readonly Guid MenuId = Menu.StreamId("cloud", "bar");
    private static readonly Guid Tea = Guid.Parse("5e1f0000-0000-4000-8000-000000000001");
    private static readonly Guid Kunafa = Guid.Parse("5e1f0000-0000-4000-8000-000000000002");
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 19, 0, 0, TimeSpan.Zero);

    private static Money Usd(long cents) => new(cents, Currency.USD);

    private static Menu? Given(params object[] events) =>
        events.Select((e, i) => (e, i)).Aggregate((Menu?)null, (menu, x) => Menu.Fold(menu, x.e, x.i + 1));

    private static Menu TeaOnTheMenu(params object[] more) =>
        Given([new MenuOpened(MenuId, "bar", "USD", T0), new DishAdded(Tea, "Mint Tea", DishType.Drink, 450, "", T0), .. more])!;

    private static DomainException Refused(Menu? menu, MenuCommand command) =>
        Assert.Throws<DomainException>(() => MenuDecisions.Decide(menu, command));

    [Fact]
    public void Opening_a_menu_records_its_currency_and_a_second_opening_is_refused()
    {
        var opened = Assert.IsType<MenuOpened>(Assert.Single(MenuDecisions.Decide(null, new OpenMenu(MenuId, "bar", Currency.AED, T0))));
        Assert.Equal(("bar", "AED"), (opened.LocationId, opened.Currency));
        Assert.Equal(DomainErrorKind.Conflict, Refused(TeaOnTheMenu(), new OpenMenu(MenuId, "bar", Currency.USD, T0)).Kind);
    }

    [Fact]
    public void Adding_a_dish_tidies_its_name_and_description_and_keeps_the_price_in_minor_units()
    {
        var menu = Given(new MenuOpened(MenuId, "bar", "USD", T0));
        var events = MenuDecisions.Decide(menu, new AddDish(Kunafa, "  Kunafa   with  pistachio ", DishType.Dessert, Usd(900), " Warm. ", T0));
        var added = Assert.IsType<DishAdded>(Assert.Single(events));
        Assert.Equal(("Kunafa with pistachio", 900L, "Warm."), (added.Name, added.PriceMinor, added.Description));
        Assert.True(Menu.Fold(menu, added, 2)!.Dish(Kunafa)!.Available);
    }

    [Theory]
    [InlineData("", 100, "", "A dish needs a name.")]
    [InlineData("   ", 100, "", "A dish needs a name.")]
    [InlineData("Tea", 0, "", "The price must be more than zero.")]
    [InlineData("Tea", -5, "", "The price must be more than zero.")]
    [InlineData("Tea", 10_000_001, "", "The price 100000.01 USD is more than the most a dish may cost (100000.00 USD).")]
    public void A_dish_without_a_name_or_with_a_price_out_of_range_is_refused_with_a_reason(string name, long cents, string description, string reason)
    {
        var error = Refused(TeaOnTheMenu(), new AddDish(Kunafa, name, DishType.Drink, Usd(cents), description, T0));
        Assert.Equal((DomainErrorKind.Invalid, reason), (error.Kind, error.Message));
    }

    [Fact]
    public void Names_and_descriptions_over_their_limits_are_refused_saying_how_long_they_are()
    {
        Assert.Equal("A dish name can be at most 80 characters; this one has 81.",
            Refused(TeaOnTheMenu(), new AddDish(Kunafa, new string('k', 81), DishType.Dessert, Usd(900), null, T0)).Message);
        Assert.Equal("A description can be at most 300 characters; this one has 301.",
            Refused(TeaOnTheMenu(), new AddDish(Kunafa, "Kunafa", DishType.Dessert, Usd(900), new string('d', 301), T0)).Message);
        Assert.Single(MenuDecisions.Decide(TeaOnTheMenu(), new AddDish(Kunafa, new string('k', 80), DishType.Dessert, Usd(900), new string('d', 300), T0)));
    }

    [Fact]
    public void A_second_dish_with_the_same_name_in_any_case_is_refused_but_a_removed_dishs_name_is_free()
    {
        var error = Refused(TeaOnTheMenu(), new AddDish(Kunafa, "MINT  tea", DishType.Drink, Usd(500), null, T0));
        Assert.Equal(DomainErrorKind.Conflict, error.Kind);
        Assert.Contains("already a dish called \u201cMINT tea\u201d", error.Message);

        Assert.Single(MenuDecisions.Decide(TeaOnTheMenu(new DishRemoved(Tea, T0)), new AddDish(Kunafa, "Mint Tea", DishType.Drink, Usd(500), null, T0)));
    }

    [Fact]
    public void A_price_in_another_currency_than_the_menus_is_refused()
    {
        var error = Refused(TeaOnTheMenu(), new AddDish(Kunafa, "Kunafa", DishType.Dessert, new Money(900, Currency.EUR), null, T0));
        Assert.Equal("Prices on this menu are in USD; a price in EUR cannot be used.", error.Message);
    }

    [Fact]
    public void Adding_to_a_location_without_a_menu_or_adding_the_same_dish_twice_is_refused()
    {
        Assert.Equal(DomainErrorKind.NotFound, Refused(null, new AddDish(Tea, "Tea", DishType.Drink, Usd(100), null, T0)).Kind);
        Assert.Equal(DomainErrorKind.Conflict, Refused(TeaOnTheMenu(), new AddDish(Tea, "Other tea", DishType.Drink, Usd(100), null, T0)).Kind);
    }

    [Fact]
    public void Changing_a_dish_replaces_its_details_and_stamps_the_dish_with_the_new_version()
    {
        var menu = TeaOnTheMenu(new DishAdded(Kunafa, "Kunafa", DishType.Dessert, 900, "", T0));
        var changed = Assert.IsType<DishChanged>(Assert.Single(MenuDecisions.Decide(menu, new ChangeDish(Tea, "Moroccan Mint Tea", DishType.Drink, Usd(550), "For two", 2, T0))));
        var after = Menu.Fold(menu, changed, 4)!;
        Assert.Equal(("Moroccan Mint Tea", 550L, 4L), (after.Dish(Tea)!.Name, after.Dish(Tea)!.PriceMinor, after.Dish(Tea)!.Version));
        Assert.Equal(3, after.Dish(Kunafa)!.Version);
    }

    [Fact]
    public void Changing_a_dish_that_changed_since_the_editor_opened_it_is_refused_but_other_dishes_changes_do_not_matter()
    {
        var menu = TeaOnTheMenu(new DishAdded(Kunafa, "Kunafa", DishType.Dessert, 900, "", T0), new DishMadeUnavailable(Tea, T0));
        var stale = Refused(menu, new ChangeDish(Tea, "Tea", DishType.Drink, Usd(450), "", ExpectedVersion: 2, T0));
        Assert.Equal(DomainErrorKind.Conflict, stale.Kind);
        Assert.Equal("Mint Tea changed since you opened it (you had version 2, it is now at 4). Reload and try again.", stale.Message);

        Assert.Single(MenuDecisions.Decide(menu, new ChangeDish(Kunafa, "Kunafa", DishType.Dessert, Usd(950), "", ExpectedVersion: 3, T0)));
    }

    [Fact]
    public void Renaming_a_dish_to_another_dishs_name_is_refused_and_an_unchanged_save_records_nothing()
    {
        var menu = TeaOnTheMenu(new DishAdded(Kunafa, "Kunafa", DishType.Dessert, 900, "", T0));
        Assert.Equal(DomainErrorKind.Conflict, Refused(menu, new ChangeDish(Kunafa, "mint tea", DishType.Dessert, Usd(900), "", null, T0)).Kind);
        Assert.Empty(MenuDecisions.Decide(menu, new ChangeDish(Tea, "Mint Tea", DishType.Drink, Usd(450), null, null, T0)));
    }

    [Fact]
    public void Marking_a_dish_sold_out_and_back_records_each_change_once()
    {
        var menu = TeaOnTheMenu();
        var soldOut = Assert.IsType<DishMadeUnavailable>(Assert.Single(MenuDecisions.Decide(menu, new SetDishAvailability(Tea, false, T0))));
        var after = Menu.Fold(menu, soldOut, 3)!;
        Assert.False(after.Dish(Tea)!.Available);
        Assert.Empty(MenuDecisions.Decide(after, new SetDishAvailability(Tea, false, T0)));
        Assert.IsType<DishMadeAvailable>(Assert.Single(MenuDecisions.Decide(after, new SetDishAvailability(Tea, true, T0))));
        Assert.Empty(after.AvailableOnly().Dishes);
    }

    [Fact]
    public void Changing_marking_or_removing_a_dish_not_on_the_menu_is_not_found()
    {
        var menu = TeaOnTheMenu(new DishRemoved(Tea, T0));
        Assert.Empty(menu.Dishes);
        foreach (MenuCommand command in new MenuCommand[]
                 {
                     new ChangeDish(Tea, "Tea", DishType.Drink, Usd(100), null, null, T0), new SetDishAvailability(Tea, false, T0), new RemoveDish(Tea, T0),
                 })
            Assert.Equal(DomainErrorKind.NotFound, Refused(menu, command).Kind);
    }
}
