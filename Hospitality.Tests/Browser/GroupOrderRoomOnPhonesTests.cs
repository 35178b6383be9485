using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Domain.Common;
using Hospitality.Domain.Circles;
using Hospitality.Domain.Menus;
using Hospitality.Domain.Tenancy;
using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Demo;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hospitality.Tests.Browser;

/// <summary>
/// Issue 5's main flow in real browsers: three guests on phones (two on server A, one on server B, sharing PostgreSQL and
/// Redis) build a group order in a room, the owner splits it equally and sends it, and the staff orders board on server B
/// shows it live.
/// </summary>
public sealed class GroupOrderRoomOnPhonesTests : IAsyncLifetime
{
    private const string Downtown = "downtown";
    private readonly Browsers _browsers = new();
    private HospitalityHost _a = default!, _b = default!;
    private string _urlA = "", _urlB = "";
    private SeededTenant _tenant = default!;
    private readonly Dictionary<string, string> _guests = [];

    public async Task InitializeAsync()
    {
        var setup = HostSetup.Cluster();
        _a = new HospitalityHost(setup);
        _b = new HospitalityHost(setup.SecondServer());
        _urlA = _a.StartOnKestrel();
        _urlB = _b.StartOnKestrel();
        _tenant = await _a.SeedTenantAsync("Cloud Nine", (Downtown, "harbor"));
        await _browsers.InitializeAsync();
    }

    [Fact]
    public async Task Three_guests_on_phones_on_two_servers_build_split_and_send_an_order_that_the_staff_board_shows_live()
    {
        var circleId = await FamilyWithMenuAsync();
        // A plain client on Kestrel that keeps the sign-in redirect to itself, as the test server's clients do.
        using var staff = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(_urlA) };
        Assert.Equal(HttpStatusCode.Redirect, (await Staff.StaffHost.PostSignInAsync(staff, _tenant.Account(StaffRole.Staff).Email, HospitalityHost.Password)).StatusCode);
        var started = await staff.PostAsJsonAsync($"/api/circles/{circleId}/rooms",
            new { ownerId = _guests["Layla"], locationId = Downtown, orderType = "dine_in", table = "T7" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var ownerPath = (string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["invite"]!["path"]!;

        var board = await _browsers.NewDeviceAsync(820, 1180);
        await board.SignInAsync(_urlB, _tenant.Account(StaffRole.Staff).Email, $"/locations/{Downtown}/orders");
        await Expect(board.Locator(".orders-page[data-interactive=true]")).ToBeVisibleAsync();
        await Expect(board.Locator("[data-test=order]")).ToHaveCountAsync(0);

        // Layla opens her link on A and invites Omar (his phone on A) and Jade (hers reaches server B) from the page.
        var layla = await PhoneAsync($"{_urlA}{ownerPath}", 360, 740);
        await layla.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        // The app's reconnect setup (../shared/BLAZOR-RECONNECT.md): reconnect.js drives it, and no template modal hides it.
        await Expect(layla.Locator("script[src*='reconnect']")).ToHaveCountAsync(1);
        await Expect(layla.Locator("#components-reconnect-modal")).ToHaveCountAsync(0);
        var omar = await PhoneAsync($"{_urlA}{new Uri(await InviteAsync(layla, "Omar")).AbsolutePath}", 390, 844);
        var jade = await PhoneAsync($"{_urlB}{new Uri(await InviteAsync(layla, "Jade")).AbsolutePath}", 390, 844);
        await layla.Locator($"[data-test=invitee][data-customer='{_guests["Jade"]}'] button[data-test=invite-share]").ClickAsync();
        await Expect(layla.Locator("[data-test=invite-shared]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Link copied|Shared"));
        IPage[] phones = [layla, omar, jade];
        foreach (var phone in phones) await Expect(phone.Locator("[data-test=person][data-present=true]")).ToHaveCountAsync(3);

        await AddAsync(layla, "Mint lemonade");
        await AddAsync(omar, "Chicken biryani");
        await AddAsync(jade, "Paneer tikka");
        await jade.ClickAsync($"[data-test=items-of][data-customer='{_guests["Jade"]}'] button[data-test=item-more]");
        foreach (var phone in phones)
        {
            await Expect(phone.Locator("[data-test=item]")).ToHaveCountAsync(3);
            await Expect(phone.Locator($"[data-test=items-of][data-customer='{_guests["Jade"]}'] [data-test=item-quantity]")).ToHaveTextAsync("2");
            await Expect(phone.Locator("[data-test=total]")).ToHaveTextAsync("35.00 USD");
        }

        // Equal split: 35.00 in three parts that add up to the cent; each phone highlights its own.
        await layla.ClickAsync("button[data-test=split-equal]");
        var shares = new List<string>();
        foreach (var phone in phones)
        {
            await Expect(phone.Locator("[data-test=split-kind]")).ToHaveTextAsync("Equal");
            var mine = phone.Locator("[data-test=person].me");
            await Expect(mine).ToContainTextAsync("Your share");
            await Expect(mine.Locator("[data-test=person-share]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^11\\.6[67] USD$"));
            shares.Add(await mine.Locator("[data-test=person-share]").InnerTextAsync());
            Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The room scrolls sideways on a phone.");
        }
        Assert.Equal(3500, shares.Sum(s => (int)(decimal.Parse(s[..^4], System.Globalization.CultureInfo.InvariantCulture) * 100)));
        await layla.ScreenshotAsync(new() { Path = Shot("owner-360"), FullPage = true });
        await jade.ScreenshotAsync(new() { Path = Shot("guest-390"), FullPage = true });

        await layla.ClickAsync("button[data-test=send-order]");
        await layla.ClickAsync("button[data-test=send-yes]");
        foreach (var phone in phones) await Expect(phone.Locator("[data-test=order-status]")).ToHaveTextAsync("Received");

        var order = board.Locator("[data-test=order]", new() { HasText = "table T7" });
        await Expect(order).ToHaveCountAsync(1);
        await Expect(order.Locator("li")).ToHaveTextAsync(["1 × Mint lemonade", "1 × Chicken biryani", "2 × Paneer tikka"]);
        await Expect(order.Locator("[data-test=order-total]")).ToHaveTextAsync("35.00 USD");
        await order.Locator("[data-test=order-next]").ClickAsync();
        foreach (var phone in phones) await Expect(phone.Locator("[data-test=order-status]")).ToHaveTextAsync("Confirmed");
        await omar.ScreenshotAsync(new() { Path = Shot("sent-390"), FullPage = true });
    }

    /// <summary>The family circle (Layla owns it; Omar and Jade are members) and a downtown menu with one dish of each kind.</summary>
    private async Task<string> FamilyWithMenuAsync()
    {
        await using var scope = _a.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var desk = new Actor(_tenant.Tenant.Id, "Front desk");
        foreach (var guest in await SessionDemo.SeedGuestsAsync(mediator, desk)) _guests[guest.FirstName] = guest.Id;
        foreach (var (name, type, price) in new[] { ("Mint lemonade", "drink", "4.50"), ("Chicken biryani", "non_veg", "12.50"), ("Paneer tikka", "veg", "9.00") })
            await mediator.Send(new AddMenuDish(desk, Downtown, Guid.NewGuid(), new DishInput(name, type, price)));
        var circle = await mediator.Send(new CreateCircle(desk, _guests["Layla"], "The Haddads", CircleKind.Family));
        foreach (var phone in new[] { "+1 415 555 0199", "+1 415 555 0110" }) await mediator.Send(new InviteToCircle(desk, circle.Id.ToString(), phone));
        return circle.Id.ToString();
    }

    private async Task<IPage> PhoneAsync(string url, int width, int height)
    {
        var phone = await _browsers.NewDeviceAsync(width, height);
        await phone.GotoAsync(url);
        await Expect(phone.Locator("#room[data-interactive=true]")).ToBeVisibleAsync();
        return phone;
    }

    /// <summary>The owner taps Invite for a member; returns the personal link the page shows to share.</summary>
    private async Task<string> InviteAsync(IPage owner, string firstName)
    {
        var invitee = owner.Locator($"[data-test=invitee][data-customer='{_guests[firstName]}']");
        await invitee.Locator("button[data-test=invite]").ClickAsync();
        await Expect(invitee.Locator("[data-test=invite-link]")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/join/"));
        return await invitee.Locator("[data-test=invite-link]").InputValueAsync();
    }

    private static async Task AddAsync(IPage phone, string dish)
    {
        var before = await phone.Locator("#room").GetAttributeAsync("data-version");
        await phone.Locator("[data-test=dish]", new() { HasText = dish }).Locator("button[data-test=add-dish]").ClickAsync();
        await Expect(phone.Locator("#room")).Not.ToHaveAttributeAsync("data-version", before!);
    }

    private static string Shot(string name) => Path.Combine(Path.GetTempPath(), $"hospitality-room-{name}.png");

    public async Task DisposeAsync()
    {
        await _browsers.DisposeAsync();
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }
}
