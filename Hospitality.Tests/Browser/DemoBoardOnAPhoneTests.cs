using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Demo;
using Microsoft.Playwright;

namespace Hospitality.Tests.Browser;

/// <summary>The embedded default as a newcomer meets it, on a phone-sized screen: demo sign-in, a full board, one-thumb refills.</summary>
public sealed class DemoBoardOnAPhoneTests : DemoInABrowser
{
    [Fact]
    public async Task The_demo_board_fits_a_phone_and_a_refill_can_be_requested_and_completed_there()
    {
        var phone = await SignInAsync(DemoSetup.StaffEmail, "/locations/downtown/board", 390, 844);
        await phone.WaitForLiveBoardAsync();

        var cards = phone.Locator(".session-card");
        Assert.InRange(await cards.CountAsync(), 3, 30);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "The board scrolls sideways on a phone.");

        var card = phone.Locator(".session-card.status-active").First;
        var table = await card.Locator(".table").TextContentAsync();
        await card.Locator("button.refill").ClickAsync();
        var same = phone.Locator(".session-card", new() { Has = phone.GetByText(table!, new() { Exact = true }) });
        await Assertions.Expect(same.Locator("button.refill.complete")).ToBeVisibleAsync();
        await same.Locator("button.refill.complete").ClickAsync();
        await Assertions.Expect(same.Locator(".status")).ToHaveTextAsync("Active");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "hospitality-phone.png") });
    }
}
