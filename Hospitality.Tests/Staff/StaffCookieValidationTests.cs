using System.Net;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Hospitality.Web.Staff.Account;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Tests.Staff;

/// <summary>The staff cookie re-reads its account (here on every request, so the tests see changes at once).</summary>
public sealed class StaffCookieValidationTests : IDisposable
{
    private readonly StaffHost _root = new();
    private readonly WebApplicationFactory<Program> _host;

    public StaffCookieValidationTests() =>
        _host = _root.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.Configure<StaffSessionOptions>(o => o.RevalidateAfter = TimeSpan.Zero)));

    public void Dispose()
    {
        _host.Dispose();
        _root.Dispose();
    }

    private IDocumentStore Store => _host.Services.GetRequiredService<IDocumentStore>();

    private async Task<(SeededTenant Tenant, StaffAccount Manager, HttpClient Client)> SignedInManagerAsync()
    {
        var id = "t-" + Guid.NewGuid().ToString("N")[..10];
        var tenant = await TenancySeeding.CreateTenantAsync(Store, new TenantSpec(id, id,
            [new LocationSpec("Bar", LocationKind.Lounge)],
            [new StaffSpec($"manager@{id}.example", "Mia", StaffRole.Manager, StaffHost.Password)]));
        var client = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Test-Client-Ip", StaffHost.NewAddress());
        var signIn = await StaffHost.PostSignInAsync(client, tenant.Staff[0].Email, StaffHost.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return (tenant, tenant.Staff[0], client);
    }

    [Fact]
    public async Task The_cookie_of_a_deleted_account_stops_working()
    {
        var (tenant, account, client) = await SignedInManagerAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/locations")).StatusCode);

        await using (var session = Store.LightweightSession(tenant.Tenant.Id))
        {
            session.Delete<StaffAccount>(account.Id);
            await session.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/locations")).StatusCode);
    }

    [Fact]
    public async Task A_role_taken_away_takes_effect_without_signing_in_again()
    {
        var (tenant, account, client) = await SignedInManagerAsync();
        var bar = tenant.Location("Bar").Id;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/locations/{bar}/display-tokens")).StatusCode);

        await using (var session = Store.LightweightSession(tenant.Tenant.Id))
        {
            var stored = (await session.LoadAsync<StaffAccount>(account.Id))!;
            session.Store(stored with { Role = StaffRole.Viewer, Version = stored.Version + 1 }, stored.Version);
            await session.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/locations/{bar}/display-tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/locations")).StatusCode);
    }
}
