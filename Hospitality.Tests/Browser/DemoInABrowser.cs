using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Demo;
using Microsoft.Playwright;

namespace Hospitality.Tests.Browser;

/// <summary>The embedded demo on Kestrel with Chromium: what a newcomer gets from the first README command.</summary>
public abstract class DemoInABrowser : IAsyncLifetime
{
    private readonly HospitalityHost _host = new(HostSetup.Demo());

    protected Browsers Browsers { get; } = new();

    protected string Url { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Url = _host.StartOnKestrel();
        await Browsers.InitializeAsync();
    }

    /// <summary>Signs in with a demo account on a new device and lands on <paramref name="returnUrl"/>.</summary>
    protected async Task<IPage> SignInAsync(string email, string returnUrl, int width = 1280, int height = 800)
    {
        var page = await Browsers.NewDeviceAsync(width, height);
        await page.GotoAsync($"{Url}/account/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", DemoSetup.Password);
        await page.ClickAsync("button[type=submit]");
        return page;
    }

    protected static Task<bool> FitsAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    public async Task DisposeAsync()
    {
        await Browsers.DisposeAsync();
        await _host.DisposeAsync();
    }
}
