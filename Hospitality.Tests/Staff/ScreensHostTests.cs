using Hospitality.Tests.Infrastructure;
using System.Net;
using Hospitality.Domain.Tenancy;

namespace Hospitality.Tests.Staff;

public class ScreensHostTests(StaffHost host) : IClassFixture<StaffHost>
{
    [Fact]
    public async Task A_manager_gets_the_screens_page_listing_the_tokens_of_their_first_location()
    {
        var tenant = await host.SeedTenantAsync();
        var manager = await host.SignedInAsync(tenant.Account(StaffRole.Manager));
        var label = "Screen " + Guid.NewGuid().ToString("N")[..8];
        (await StaffHost.IssueAsync(manager, tenant.Location("Bar").Id, label)).EnsureSuccessStatusCode();

        var response = await manager.GetAsync("/venue/screens");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Screens</h1>", page);
        Assert.Contains(label, page);
    }

    [Fact]
    public async Task A_viewer_is_sent_to_access_denied()
    {
        var tenant = await host.SeedTenantAsync();
        var viewer = await host.SignedInAsync(tenant.Account(StaffRole.Viewer));

        var response = await viewer.GetAsync("/venue/screens");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", response.Headers.Location?.AbsolutePath);
    }
}
