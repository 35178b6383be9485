using System.Net;
using Hospitality.Domain.Tenancy;
using Hospitality.Web.Staff.Account;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Tests.Staff;

public class SignInHostTests(StaffHost host) : IClassFixture<StaffHost>
{
    private const string StaffCookie = "hospitality.staff";

    private static bool SetsStaffCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
        && cookies.Any(c => c.StartsWith(StaffCookie + "=") && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task Signing_in_with_the_right_password_sets_the_staff_cookie_and_returns_to_the_requested_page()
    {
        var tenant = await host.SeedTenantAsync();
        var client = host.NewClient();

        var response = await StaffHost.PostSignInAsync(client, tenant.Account($"manager@{tenant.Tenant.Id}.example").Email.ToUpperInvariant(),
            StaffHost.Password, returnUrl: "/venue/screens");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/venue/screens", response.Headers.Location?.AbsolutePath);
        Assert.True(SetsStaffCookie(response));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/locations")).StatusCode);
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_ignored()
    {
        var tenant = await host.SeedTenantAsync();

        var response = await StaffHost.PostSignInAsync(host.NewClient(), tenant.Staff[0].Email, StaffHost.Password, returnUrl: "//evil.example/");

        Assert.Equal("http://localhost/", response.Headers.Location?.AbsoluteUri);
    }

    [Fact]
    public async Task A_wrong_password_shows_the_generic_error_and_sets_no_cookie()
    {
        var tenant = await host.SeedTenantAsync();

        var response = await StaffHost.PostSignInAsync(host.NewClient(), tenant.Staff[0].Email, "wrong password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Login.FailureMessage, await response.Content.ReadAsStringAsync());
        Assert.False(SetsStaffCookie(response));
    }

    [Fact]
    public async Task An_unknown_email_gets_exactly_the_same_answer_as_a_wrong_password()
    {
        var tenant = await host.SeedTenantAsync();
        var client = host.NewClient();

        var wrongPassword = await (await StaffHost.PostSignInAsync(client, tenant.Staff[0].Email, "wrong password")).Content.ReadAsStringAsync();
        var unknownEmail = await (await StaffHost.PostSignInAsync(client, "nobody@nowhere.example", "wrong password")).Content.ReadAsStringAsync();

        Assert.Contains(Login.FailureMessage, unknownEmail);
        Assert.Equal(Normalize(wrongPassword, tenant.Staff[0].Email), Normalize(unknownEmail, "nobody@nowhere.example"));
    }

    [Fact]
    public async Task After_five_wrong_passwords_the_sixth_attempt_is_refused_even_with_the_right_password()
    {
        var tenant = await host.SeedTenantAsync();
        var account = tenant.Staff[0];
        var client = host.NewClient();

        for (var i = 0; i < SignIn.FailuresBeforeLock; i++)
            Assert.False(SetsStaffCookie(await StaffHost.PostSignInAsync(client, account.Email, "wrong password")));
        var sixth = await StaffHost.PostSignInAsync(client, account.Email, StaffHost.Password);

        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        Assert.Contains(Login.FailureMessage, await sixth.Content.ReadAsStringAsync());
        Assert.False(SetsStaffCookie(sixth));
        await using var session = host.Store.QuerySession(tenant.Tenant.Id);
        var stored = await session.LoadAsync<StaffAccount>(account.Id);
        Assert.NotNull(stored!.LockedUntil);
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_rejected()
    {
        var tenant = await host.SeedTenantAsync();

        var response = await host.NewClient().PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["Input.Email"] = tenant.Staff[0].Email,
            ["Input.Password"] = StaffHost.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(SetsStaffCookie(response));
    }

    [Fact]
    public async Task An_anonymous_page_request_is_sent_to_sign_in_but_an_anonymous_api_call_gets_401()
    {
        var client = host.NewClient();

        var page = await client.GetAsync("/venue/screens");
        var api = await client.GetAsync("/api/locations");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("http://localhost/account/login?ReturnUrl=", page.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var tenant = await host.SeedTenantAsync();
        var client = await host.SignedInAsync(tenant.Staff[0]);
        var token = await StaffHost.AntiforgeryTokenAsync(client);

        var response = await client.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/locations")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_without_the_antiforgery_token_is_refused()
    {
        var tenant = await host.SeedTenantAsync();
        var client = await host.SignedInAsync(tenant.Staff[0]);

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/locations")).StatusCode);
    }

    // The pages may differ only where the typed email is echoed back and in freshly encrypted values
    // (antiforgery token, component state), which are random per response.
    // Encrypted values, the prerender markers of interactive components and Radzen's generated element ids
    // differ on every render; everything else must be the same.
    private static string Normalize(string page, string email)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(page.Replace(email, "EMAIL"), "CfDJ8[A-Za-z0-9+/=_-]*", "ENCRYPTED");
        text = System.Text.RegularExpressions.Regex.Replace(text, "<!--Blazor:[^>]*-->", "<!--Blazor-->");
        return System.Text.RegularExpressions.Regex.Replace(text, "\\bid=\"[A-Za-z0-9_-]{10}\"", "id=\"GENERATED\"");
    }
}
