using Bunit;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Hospitality.EventStore.InMemory;
using Hospitality.Web.Staff.Screens;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace Hospitality.Tests.Staff;

/// <summary>The Screens page as a manager uses it: issue (token shown once), then revoke.</summary>
public sealed class ScreensPageTests : BunitContext
{
    private readonly IDocumentStore _store = new InMemoryDocumentStore(TenancyStore.Configure(new Hospitality.EventStore.StoreOptions()));
    private readonly SeededTenant _tenant;

    public ScreensPageTests()
    {
        _tenant = TenancySeeding.CreateTenantAsync(_store, new TenantSpec("acme", "Acme",
            [new LocationSpec("Bar", LocationKind.Lounge, "bar"), new LocationSpec("Terrace", LocationKind.Restaurant, "terrace")],
            [new StaffSpec("mia@acme.example", "Mia", StaffRole.Manager, "long enough password")])).GetAwaiter().GetResult();
        Services.AddSingleton(_store);
        Services.AddSingleton(TimeProvider.System);
        Services.AddRadzenComponents();
        JSInterop.Mode = JSRuntimeMode.Loose;
        var auth = AddAuthorization();
        auth.SetAuthorized("Mia");
        auth.SetRoles("Manager");
        auth.SetClaims(
            new System.Security.Claims.Claim(HospitalityClaims.Tenant, "acme"),
            new System.Security.Claims.Claim(HospitalityClaims.Id, _tenant.Staff[0].Id));
    }

    private async Task<IReadOnlyList<DisplayToken>> StoredTokensAsync()
    {
        await using var session = _store.QuerySession("acme");
        return await session.Query<DisplayToken>().ToListAsync();
    }

    [Fact]
    public async Task Issuing_shows_the_token_once_and_lists_it_without_the_secret()
    {
        var page = Render<Screens>();
        page.Find("input[aria-label=Label]").Change("Bar screen");

        page.Find("button.screens-issue-button").Click();

        var stored = Assert.Single(await StoredTokensAsync());
        var shown = page.Find("input.screens-token").GetAttribute("value")!;
        Assert.StartsWith($"acme.{stored.Id}.", shown);
        Assert.Equal("bar", stored.LocationId);
        Assert.Equal(stored.SecretHash, DisplayTokenSecret.Hash(shown.Split('.')[2]));
        Assert.Contains("Bar screen", page.Find("table").TextContent);

        page.FindAll("button").Single(b => b.TextContent.Contains("Done")).Click();
        Assert.DoesNotContain(shown, page.Markup);
    }

    [Fact]
    public async Task Revoking_marks_the_token_revoked()
    {
        var page = Render<Screens>();
        page.Find("input[aria-label=Label]").Change("Bar screen");
        page.Find("button.screens-issue-button").Click();

        page.Find("button.screens-revoke").Click();

        Assert.True(Assert.Single(await StoredTokensAsync()).IsRevoked);
        Assert.Contains("Revoked", page.Find("table").TextContent);
        Assert.Empty(page.FindAll("button.screens-revoke"));
    }

    [Fact]
    public void Issuing_without_a_label_shows_why_and_issues_nothing()
    {
        var page = Render<Screens>();

        page.Find("button.screens-issue-button").Click();

        Assert.Contains("needs a label", page.Find("[role=alert]").TextContent);
        Assert.Empty(page.FindAll("input.screens-token"));
    }
}
