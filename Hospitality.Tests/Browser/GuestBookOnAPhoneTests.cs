using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hospitality.Tests.Browser;

/// <summary>The guest book as staff use it on a phone, in the embedded demo: from the board to the list, add a guest, their page.</summary>
public sealed class GuestBookOnAPhoneTests : DemoInABrowser
{
    [Fact]
    public async Task Staff_go_from_the_board_to_the_guests_add_one_and_find_them_in_the_list_by_last_name()
    {
        var phone = await SignInAsync(DemoSetup.StaffEmail, "/locations/downtown/board", 390, 844);
        await phone.WaitForLiveBoardAsync();

        await phone.ClickAsync("[data-test=nav-guests]");
        await Expect(phone.Locator("[data-test=guest-total]")).ToHaveTextAsync("5 guests");
        await Expect(phone.Locator(".guest-table thead")).ToBeHiddenAsync();   // cards, not a table, on a phone
        Assert.True(await FitsAsync(phone), "The guest list scrolls sideways on a phone.");

        await phone.ClickAsync("[data-test=add-guest]");
        await phone.FillAsync("input[data-test=first-name]", "Nadia");
        await phone.FillAsync("input[data-test=last-name]", "Rahman");
        await phone.FillAsync("input[data-test=phone]", "(415) 555-0123");
        await phone.FillAsync("input[data-test=flavors]", "Mint, Grape");
        Assert.True(await FitsAsync(phone), "The guest form scrolls sideways on a phone.");
        await phone.ClickAsync("button[data-test=save]");

        // Blazor moves there by enhanced navigation (history.pushState, no load event): poll the address instead.
        await Expect(phone).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/customers/[0-9a-f-]{36}$"));
        await Expect(phone.Locator("h1")).ToHaveTextAsync("Nadia Rahman");
        await Expect(phone.Locator("[data-test=guest-phone]")).ToHaveTextAsync("+14155550123");
        await Expect(phone.Locator("[data-test=next-tier]")).ToHaveTextAsync("1 more visit to Bronze");
        await Expect(phone.Locator("[data-test=favorite-flavors]")).ToHaveTextAsync("Mint, Grape");
        Assert.True(await FitsAsync(phone), "The guest's page scrolls sideways on a phone.");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "hospitality-guest-phone.png"), FullPage = true });

        await phone.ClickAsync("a.back");
        await Expect(phone.Locator("[data-test=guest-total]")).ToHaveTextAsync("6 guests");
        await Expect(phone.Locator("[data-test=guest-name]"))
            .ToHaveTextAsync(["Sofia Alvarez", "Marcus Chen", "Omar Farouk", "Layla Haddad", "Nadia Rahman", "Jade Thompson"]);
    }
}
