using Hospitality.Tests.Infrastructure;
using System.Net;
using System.Net.Http.Json;
using Hospitality.Domain.Tenancy;
using Hospitality.Web.Staff.Locations;
using Hospitality.Web.Staff.Screens;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Tests.Staff;

public class DisplayTokenApiTests(StaffHost host) : IClassFixture<StaffHost>
{
    private static StaffAccount Role(SeededTenant t, StaffRole role) => t.Account(role);

    private async Task<(SeededTenant Tenant, HttpClient Manager, IssuedDisplayToken Token)> IssuedForBarAsync()
    {
        var tenant = await host.SeedTenantAsync();
        var manager = await host.SignedInAsync(Role(tenant, StaffRole.Manager));
        var response = await StaffHost.IssueAsync(manager, tenant.Location("Bar").Id);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (tenant, manager, (await response.Content.ReadFromJsonAsync<IssuedDisplayToken>(ApiJson.Options))!);
    }

    [Fact]
    public async Task An_issued_token_reads_its_location_as_bearer_until_it_is_revoked()
    {
        var (tenant, manager, issued) = await IssuedForBarAsync();
        var screen = host.WithBearer(issued.Token);
        var bar = $"/api/locations/{tenant.Location("Bar").Id}";

        var before = await screen.GetAsync(bar);
        var revoke = await manager.DeleteAsync($"/api/display-tokens/{issued.Id}");
        var after = await screen.GetAsync(bar);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal("Bar", (await before.Content.ReadFromJsonAsync<LocationView>(ApiJson.Options))!.Name);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.NotNull((await revoke.Content.ReadFromJsonAsync<DisplayTokenView>(ApiJson.Options))!.RevokedAt);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task A_display_token_sees_only_its_own_location()
    {
        var (tenant, _, issued) = await IssuedForBarAsync();
        var screen = host.WithBearer(issued.Token);

        var list = await screen.GetFromJsonAsync<LocationView[]>("/api/locations", ApiJson.Options);
        var terrace = await screen.GetAsync($"/api/locations/{tenant.Location("Terrace").Id}");

        Assert.Equal(["Bar"], list!.Select(l => l.Name));
        Assert.Equal(HttpStatusCode.NotFound, terrace.StatusCode);
    }

    [Fact]
    public async Task Staff_see_every_location_of_their_own_tenant_only()
    {
        var tenant = await host.SeedTenantAsync();
        await host.SeedTenantAsync();
        var viewer = await host.SignedInAsync(Role(tenant, StaffRole.Viewer));

        var list = await viewer.GetFromJsonAsync<LocationView[]>("/api/locations", ApiJson.Options);

        Assert.Equal(tenant.Locations.Select(l => l.Id).Order(), list!.Select(l => l.Id).Order());
    }

    [Fact]
    public async Task The_token_is_returned_once_and_never_listed()
    {
        var (tenant, manager, issued) = await IssuedForBarAsync();

        var listing = await manager.GetStringAsync($"/api/locations/{tenant.Location("Bar").Id}/display-tokens");

        Assert.StartsWith($"{tenant.Tenant.Id}.{issued.Id}.", issued.Token);
        Assert.Contains(issued.Id, listing);
        Assert.DoesNotContain(issued.Token.Split('.')[2], listing);
        Assert.DoesNotContain(DisplayTokenSecret.Hash(issued.Token.Split('.')[2]), listing);
    }

    [Fact]
    public async Task A_manager_of_one_tenant_gets_404_for_another_tenants_location_and_cannot_revoke_its_tokens()
    {
        var (other, _, othersToken) = await IssuedForBarAsync();
        var tenant = await host.SeedTenantAsync();
        var manager = await host.SignedInAsync(Role(tenant, StaffRole.Manager));
        var othersBar = other.Location("Bar").Id;

        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/locations/{othersBar}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/locations/{othersBar}/display-tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await StaffHost.IssueAsync(manager, othersBar)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.DeleteAsync($"/api/display-tokens/{othersToken.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.WithBearer(othersToken.Token).GetAsync($"/api/locations/{othersBar}")).StatusCode);
    }

    [Fact]
    public async Task A_display_token_of_one_tenant_cannot_read_another_tenants_location()
    {
        var (_, _, issued) = await IssuedForBarAsync();
        var other = await host.SeedTenantAsync();

        var response = await host.WithBearer(issued.Token).GetAsync($"/api/locations/{other.Location("Bar").Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(StaffRole.Viewer)]
    [InlineData(StaffRole.Staff)]
    public async Task Viewers_and_staff_cannot_issue_list_or_revoke_tokens(StaffRole role)
    {
        var (tenant, _, issued) = await IssuedForBarAsync();
        var client = await host.SignedInAsync(Role(tenant, role));
        var bar = tenant.Location("Bar").Id;

        Assert.Equal(HttpStatusCode.Forbidden, (await StaffHost.IssueAsync(client, bar)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/locations/{bar}/display-tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync($"/api/display-tokens/{issued.Id}")).StatusCode);
    }

    [Fact]
    public async Task An_admin_can_issue_tokens()
    {
        var tenant = await host.SeedTenantAsync();
        var admin = await host.SignedInAsync(Role(tenant, StaffRole.Admin));

        Assert.Equal(HttpStatusCode.Created, (await StaffHost.IssueAsync(admin, tenant.Location("Terrace").Id)).StatusCode);
    }

    [Fact]
    public async Task A_display_token_cannot_manage_tokens_even_of_its_own_location()
    {
        var (tenant, _, issued) = await IssuedForBarAsync();
        var screen = host.WithBearer(issued.Token);

        var response = await StaffHost.IssueAsync(screen, tenant.Location("Bar").Id);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Issuing_without_a_label_is_a_validation_problem_naming_the_label()
    {
        var tenant = await host.SeedTenantAsync();
        var manager = await host.SignedInAsync(Role(tenant, StaffRole.Manager));

        var response = await StaffHost.IssueAsync(manager, tenant.Location("Bar").Id, label: " ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains("label", problem!.Errors.Keys);
    }

    [Fact]
    public async Task A_cookie_authenticated_form_post_to_the_api_is_refused_as_a_possible_cross_site_request()
    {
        var tenant = await host.SeedTenantAsync();
        var manager = await host.SignedInAsync(Role(tenant, StaffRole.Manager));

        var response = await manager.PostAsync($"/api/locations/{tenant.Location("Bar").Id}/display-tokens",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["label"] = "Sneaky" }));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var listing = await manager.GetFromJsonAsync<DisplayTokenView[]>($"/api/locations/{tenant.Location("Bar").Id}/display-tokens", ApiJson.Options);
        Assert.Empty(listing!);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("tenant-x.0123456789abcdef0123456789abcdef.guessedsecretguessedsecret")]
    public async Task An_invalid_bearer_token_gets_401_with_invalid_token(string token)
    {
        var response = await host.WithBearer(token).GetAsync("/api/locations");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_token_with_a_guessed_secret_is_refused()
    {
        var (_, _, issued) = await IssuedForBarAsync();
        var parts = issued.Token.Split('.');

        var response = await host.WithBearer($"{parts[0]}.{parts[1]}.{DisplayTokenSecret.New(parts[0]).Secret}").GetAsync("/api/locations");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Revoking_twice_answers_the_same_revocation()
    {
        var (_, manager, issued) = await IssuedForBarAsync();

        var first = await (await manager.DeleteAsync($"/api/display-tokens/{issued.Id}")).Content.ReadFromJsonAsync<DisplayTokenView>(ApiJson.Options);
        var second = await manager.DeleteAsync($"/api/display-tokens/{issued.Id}");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(first, await second.Content.ReadFromJsonAsync<DisplayTokenView>(ApiJson.Options));
    }

    [Fact]
    public async Task A_display_authentication_expires_so_a_hub_can_close_the_connection_and_recheck_the_token()
    {
        var (_, _, issued) = await IssuedForBarAsync();
        await using var scope = host.Services.CreateAsyncScope();
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Path = "/hubs/sessions";
        http.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?access_token=" + Uri.EscapeDataString(issued.Token));

        var result = await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.AuthenticateAsync(http, DisplayTokenAuthenticationHandler.SchemeName);

        Assert.True(result.Succeeded);
        Assert.Equal("Display", result.Principal!.FindFirst(System.Security.Claims.ClaimTypes.Role)!.Value);
        Assert.InRange(result.Properties!.ExpiresUtc!.Value - DateTimeOffset.UtcNow,
            DisplayTokenAuthenticationHandler.ConnectionLifetime - TimeSpan.FromMinutes(1), DisplayTokenAuthenticationHandler.ConnectionLifetime);
    }
}
