using Microsoft.Playwright;

namespace Hospitality.Tests.Infrastructure;

/// <summary>
/// Headless Debian Chromium driven by Playwright. Playwright cannot download its own browser here, so it is
/// pointed at the system one; the flags keep Chromium off the network it cannot reach anyway.
/// </summary>
public sealed class Browsers : IAsyncLifetime
{
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        // Two servers, two browsers and the test on two cores: give assertions room, never a flaky pass/fail.
        Assertions.SetDefaultExpectTimeout(15_000);
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = TestEnvironment.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser profile (its own cookies), as a second device would be.</summary>
    public async Task<IPage> NewDeviceAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

public static class StaffPages
{
    /// <summary>Signs in through the real form and waits for the page behind it.</summary>
    public static async Task SignInAsync(this IPage page, string baseUrl, string email, string returnPath)
    {
        await page.GotoAsync($"{baseUrl}/account/login?ReturnUrl={Uri.EscapeDataString(returnPath)}");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", HospitalityHost.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == returnPath, new() { Timeout = 15000 });
    }

    /// <summary>Waits until the board's circuit is interactive and subscribed to live changes.</summary>
    public static Task WaitForLiveBoardAsync(this IPage page) =>
        Assertions.Expect(page.Locator("#board-state.live")).ToBeVisibleAsync(new() { Timeout = 20000 });
}
