using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Hospitality.Web.Staff.Account;

/// <summary>Sign-out. Sign-in is the <c>Login</c> page (a static form post, so it can set the cookie).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // [FromForm] makes the endpoint require a valid antiforgery token: a cross-site form cannot sign anyone out.
        app.MapPost("/account/logout", async Task<RedirectHttpResult> (HttpContext http, [FromForm] string? returnUrl) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.LocalRedirect(Login.LocalReturnUrl(returnUrl ?? "/account/login"));
        });
        return app;
    }
}
