using Hospitality.Tests.Infrastructure;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Bunit;
using Bunit.TestDoubles;
using Hospitality.Domain.Common;
using Hospitality.Domain.Menus;
using Hospitality.Domain.Sessions;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Hospitality.EventStore.InMemory;
using Hospitality.Web.Infrastructure;
using Hospitality.Web.Menus;
using MediatR;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace Hospitality.Tests.Menus;

/// <summary>The menu page with the app's real handlers over the in-memory store (as GuestPagesTests).</summary>
public sealed class MenuPageTests() : InMemoryPages(barCountry: "GB")
{
    private void SignInAs(string role)
    {
        Auth.SetAuthorized("Sam");
        Auth.SetRoles(role);
        Auth.SetPolicies(role switch
        {
            "Viewer" => [Policies.ViewBoard],
            "Staff" => [Policies.ViewBoard, Policies.OperateSessions],
            _ => [Policies.ViewBoard, Policies.OperateSessions, Policies.ManageVenue],
        });
        Auth.SetClaims(new Claim(HospitalityClaims.Tenant, Tenant));
    }

    private async Task<Menu> AddAsync(string name, string type, string price) =>
        await Mediator.Send(new AddMenuDish(Desk, Bar, Guid.NewGuid(), new DishInput(name, type, price)));

    private Task<Menu> GuestMenuAsync() => Mediator.Send(new GetMenu(Desk, Bar, IncludeUnavailable: false));

    private IRenderedComponent<MenuPage> Page() => Render<MenuPage>(p => p.Add(m => m.LocationId, Bar));

    private static string[] Texts(IRenderedComponent<MenuPage> page, string selector) => [.. page.FindAll(selector).Select(e => e.TextContent.Trim())];

    private static void Type(IRenderedComponent<MenuPage> page, string field, string value) =>
        page.Find($"input[data-test={field}], textarea[data-test={field}], select[data-test={field}]").Change(value);

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<MenuPage> page, string name) =>
        page.FindAll("[data-test=dish]").Single(d => d.QuerySelector("[data-test=dish-name]")!.TextContent == name);

    [Fact]
    public async Task Dishes_are_listed_grouped_by_type_with_their_price_in_the_menus_currency()
    {
        await AddAsync("Mint Tea", "drink", "4.50");
        await AddAsync("Kunafa", "dessert", "9");
        await AddAsync("Turkish Coffee", "drink", "4");
        await AddAsync("Mezze Platter", "veg", "14.00");
        SignInAs("Staff");

        var page = Page();

        page.WaitForAssertion(() => Assert.Equal(["veg", "drink", "dessert"], page.FindAll("[data-test=dish-group]").Select(g => g.GetAttribute("data-type"))), Wait);
        Assert.Equal(["Mezze Platter", "Mint Tea", "Turkish Coffee", "Kunafa"], Texts(page, "[data-test=dish-name]"));
        Assert.Equal(["14.00 GBP", "4.50 GBP", "4.00 GBP", "9.00 GBP"], Texts(page, "[data-test=dish-price]"));
        Assert.Equal("Prices in GBP", page.Find("[data-test=menu-currency]").TextContent);
        Assert.Empty(page.FindAll("[data-test=dish-form]"));   // staff do not edit the menu
        Assert.Empty(page.FindAll("[data-test=edit-dish]"));
    }

    [Fact]
    public async Task Staff_mark_a_dish_sold_out_and_back_from_the_list_and_guests_stop_and_start_seeing_it()
    {
        await AddAsync("Kunafa", "dessert", "9");
        SignInAs("Staff");
        var page = Page();

        page.WaitForAssertion(() => Row(page, "Kunafa").QuerySelector("[data-test=sold-out-toggle]")!.Click(), Wait);

        page.WaitForAssertion(() => Assert.NotNull(Row(page, "Kunafa").QuerySelector("[data-test=sold-out-badge]")), Wait);
        Assert.Empty((await GuestMenuAsync()).Dishes);
        Row(page, "Kunafa").QuerySelector("[data-test=sold-out-toggle]")!.Click();
        page.WaitForAssertion(() => Assert.Null(Row(page, "Kunafa").QuerySelector("[data-test=sold-out-badge]")), Wait);
        Assert.Single((await GuestMenuAsync()).Dishes);
    }

    [Fact]
    public async Task A_viewer_sees_the_menu_and_what_is_sold_out_but_cannot_change_it()
    {
        var menu = await AddAsync("Kunafa", "dessert", "9");
        await Mediator.Send(new SetMenuDishAvailability(Desk, Bar, menu.Dishes[0].Id, false));
        SignInAs("Viewer");

        var page = Page();

        page.WaitForAssertion(() => Assert.NotNull(Row(page, "Kunafa").QuerySelector("[data-test=sold-out-badge]")), Wait);
        Assert.Empty(page.FindAll("[data-test=sold-out-toggle]"));
    }

    [Theory]
    [InlineData("Kunafa", "3.50", "There is already a dish called \u201cKunafa\u201d on this menu")]
    [InlineData("Baklava", "3.505", "The price is not valid: \"3.505\" has 3 decimals; GBP has 2.")]
    [InlineData("", "3.50", "A dish needs a name.")]
    public async Task The_manager_form_shows_the_domains_refusal_and_saves_nothing(string name, string price, string reason)
    {
        await AddAsync("Kunafa", "dessert", "9");
        SignInAs("Manager");
        var page = Page();
        page.WaitForAssertion(() => page.Find("[data-test=dish-form]"), Wait);

        Type(page, "dish-name-input", name);
        Type(page, "dish-type", "dessert");
        Type(page, "dish-price-input", price);
        page.Find("form[data-test=dish-form]").Submit();

        page.WaitForAssertion(() => Assert.StartsWith(reason, page.Find("[data-test=dish-form-error] .rz-alert-message").TextContent.Trim()), Wait);
        Assert.Equal(["Kunafa"], (await GuestMenuAsync()).Dishes.Select(d => d.Name));
        Assert.Equal(["Kunafa"], Texts(page, "[data-test=dish-name]"));
    }

    [Fact]
    public async Task A_manager_adds_a_dish_and_edits_it_from_the_page()
    {
        SignInAs("Manager");
        var page = Page();
        page.WaitForAssertion(() => page.Find("[data-test=menu-empty]"), Wait);

        Type(page, "dish-name-input", "Baklava");
        Type(page, "dish-type", "dessert");
        Type(page, "dish-price-input", "6.5");
        Type(page, "dish-description-input", "Four pieces");
        page.Find("form[data-test=dish-form]").Submit();
        page.WaitForAssertion(() => Assert.Equal(["6.50 GBP"], Texts(page, "[data-test=dish-price]")), Wait);

        Row(page, "Baklava").QuerySelector("[data-test=edit-dish]")!.Click();
        page.WaitForAssertion(() => Assert.Equal("6.50", page.Find("input[data-test=dish-price-input]").GetAttribute("value")), Wait);
        Type(page, "dish-price-input", "7");
        page.Find("form[data-test=dish-form]").Submit();

        page.WaitForAssertion(() => Assert.Equal(["7.00 GBP"], Texts(page, "[data-test=dish-price]")), Wait);
        var dish = Assert.Single((await GuestMenuAsync()).Dishes);
        Assert.Equal(("Baklava", DishType.Dessert, 700L, "Four pieces"), (dish.Name, dish.Type, dish.PriceMinor, dish.Description));
    }
}
