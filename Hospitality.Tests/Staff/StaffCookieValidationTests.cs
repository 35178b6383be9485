using System.Net;
using Hospitality.Domain.Tenancy;

namespace Hospitality.Tests.Staff;

public class StaffCookieValidationTests(StaffHost host) : IClassFixture<StaffHost>
{
    [Fact]
    public async Task The_cookie_of_a_deleted_account_stops_working()
    {
        var tenant = await host.SeedTenantAsync();
        var account = tenant.Staff.Single(s => s.Role == StaffRole.Manager);
        var client = await host.SignedInAsync(account);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/locations")).StatusCode);

        await using (var session = host.Store.LightweightSession(tenant.Tenant.Id))
        {
            session.Delete<StaffAccount>(account.Id);
            await session.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/locations")).StatusCode);
    }

    [Fact]
    public async Task A_role_taken_away_takes_effect_without_signing_in_again()
    {
        var tenant = await host.SeedTenantAsync();
        var account = tenant.Staff.Single(s => s.Role == StaffRole.Manager);
        var client = await host.SignedInAsync(account);
        var bar = tenant.Location("Bar").Id;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/locations/{bar}/display-tokens")).StatusCode);

        await using (var session = host.Store.LightweightSession(tenant.Tenant.Id))
        {
            var stored = (await session.LoadAsync<StaffAccount>(account.Id))!;
            session.Store(stored with { Role = StaffRole.Viewer, Version = stored.Version + 1 }, stored.Version);
            await session.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/locations/{bar}/display-tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/locations")).StatusCode);
    }
}
