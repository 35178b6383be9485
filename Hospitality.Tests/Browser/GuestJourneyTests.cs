using System.Text.RegularExpressions;
using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hospitality.Tests.Browser;

/// <summary>
/// Issue 4's walk, in a real browser on the embedded demo: add a guest, start a session for them, see their name on the
/// card and their last session among the flavor suggestions, edit them (the card follows), merge a duplicate, erase them.
/// </summary>
public sealed class GuestJourneyTests : DemoInABrowser
{
    private static readonly Regex GuestPage = new("/customers/[0-9a-f-]{36}$");

    private static async Task AddGuestAsync(IPage page, string first, string last, string phone, string flavors)
    {
        await page.ClickAsync("[data-test=add-guest]");
        await page.FillAsync("input[data-test=first-name]", first);
        await page.FillAsync("input[data-test=last-name]", last);
        await page.FillAsync("input[data-test=phone]", phone);
        await page.FillAsync("input[data-test=flavors]", flavors);
        await page.ClickAsync("button[data-test=save]");
        await Expect(page).ToHaveURLAsync(GuestPage);
    }

    private static async Task StartSessionForAsync(IPage board, string guest, string table, Func<Task>? whileOpen = null)
    {
        await board.ClickAsync("#start-session");
        await board.FillAsync("#start-table", table);
        await board.ClickAsync("#start-customer");
        await board.Locator(".rz-dropdown-item", new() { HasText = guest }).First.ClickAsync();
        if (whileOpen is not null) await whileOpen();
        await board.Locator(".flavor-picker .popular-flavors .chip", new() { HasTextString = "Mint" }).First.ClickAsync();
        await Expect(board.Locator(".start-session-dialog .chosen")).ToContainTextAsync("Mint");   // the server has the bowl
        await board.ClickAsync("#start-confirm");
    }

    [Fact]
    public async Task Add_a_guest_start_their_session_edit_them_merge_a_duplicate_and_erase_them()
    {
        var desk = await SignInAsync(DemoSetup.ManagerEmail, "/customers");
        await Expect(desk.Locator("[data-test=guest-total]")).ToHaveTextAsync("5 guests");

        await AddGuestAsync(desk, "Nadia", "Rahman", "(415) 555-0123", "Grape, Mint");
        var nadiaPage = desk.Url;

        var board = await desk.Context.NewPageAsync();   // the same sign-in, as a second tab at the lounge
        await board.GotoAsync($"{Url}/locations/downtown/board");
        await board.WaitForLiveBoardAsync();
        await StartSessionForAsync(board, "Nadia Rahman", "21");
        var card = board.Locator(".session-card", new() { HasText = "Table 21" });
        await Expect(card.Locator(".customer-name")).ToHaveTextAsync("Nadia Rahman");

        // A second visit: the dialog shows her last session among the suggestions, with a recommendation.
        await StartSessionForAsync(board, "Nadia Rahman", "22", async () =>
        {
            await Expect(board.Locator(".flavor-picker h3", new() { HasText = "Last sessions" })).ToBeVisibleAsync();
            await Expect(board.Locator(".flavor-picker")).ToContainTextAsync("Mint");
            await Expect(board.Locator(".flavor-picker .reason")).Not.ToBeEmptyAsync();
        });
        await Expect(board.Locator(".session-card", new() { HasText = "Table 22" }).Locator(".customer-name")).ToHaveTextAsync("Nadia Rahman");

        // Edit her on the desk: the board's card follows without a reload.
        await desk.GotoAsync(nadiaPage);
        await desk.WaitForSelectorAsync(".guest-page[data-interactive=true]");
        await desk.ClickAsync("[data-test=edit-guest]");
        await desk.FillAsync("input[data-test=last-name]", "Rahman-Ali");
        await desk.ClickAsync("button[data-test=save]");
        await Expect(desk.Locator("h1")).ToHaveTextAsync("Nadia Rahman-Ali");
        await Expect(card.Locator(".customer-name")).ToHaveTextAsync("Nadia Rahman-Ali");

        // A duplicate (her number under another country code, a typo in her name): found, merged.
        await desk.GotoAsync($"{Url}/customers");
        await AddGuestAsync(desk, "Nadya", "Rahman-Ali", "+44 7415 550123", "Grape");
        await desk.GotoAsync(nadiaPage);
        await desk.WaitForSelectorAsync(".guest-page[data-interactive=true]");
        var duplicate = desk.Locator("[data-test=duplicate]", new() { HasText = "Nadya Rahman-Ali" });
        await Expect(duplicate.Locator("[data-test=confidence]")).ToHaveTextAsync("High confidence");
        await duplicate.Locator("button[data-test=merge], [data-test=merge] button").First.ClickAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Merge", Exact = true }).ClickAsync();
        await Expect(desk.Locator("[data-test=merged]")).ToContainTextAsync("Nadya Rahman-Ali");
        await Expect(desk.Locator("[data-test=visits]")).ToHaveTextAsync("2 visits");
        await desk.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "hospitality-guest-merged.png"), FullPage = true });

        // Erase her: gone from the guest book and from the card, while the visit stays on the board.
        await desk.ClickAsync("[data-test=delete-guest]");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Erase guest", Exact = true }).ClickAsync();
        await Expect(desk.Locator("[data-test=erased-notice]")).ToBeVisibleAsync();
        await Expect(desk.Locator("[data-test=guest-total]")).ToHaveTextAsync("5 guests");
        await Expect(card.Locator(".customer-name")).ToHaveTextAsync("Staff Customer");
        await desk.GotoAsync(nadiaPage);
        await Expect(desk.Locator("[data-test=guest-missing]")).ToBeVisibleAsync();
        Assert.DoesNotContain("Nadia", await board.ContentAsync());

        // The manager's flavor analytics count the visits that stayed: charts drawn, Mint on top.
        await desk.ClickAsync("[data-test=nav-flavors]");
        await Expect(desk.Locator("#analytics-summary")).ToContainTextAsync("sessions");
        await Expect(desk.Locator("#chart-mixes svg")).ToBeVisibleAsync();
        await Expect(desk.Locator("#chart-days svg")).ToBeVisibleAsync();
        await desk.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "hospitality-flavor-analytics.png"), FullPage = true });
    }
}
