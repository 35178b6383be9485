using System.Threading.RateLimiting;
using Hospitality.Domain.Tenancy;
using Hospitality.Web.Staff.Account;
using Hospitality.Web.Staff.Locations;
using Hospitality.Web.Staff.Screens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hospitality.Web.Staff;

/// <summary>
/// All wiring of staff sign-in, display tokens and their policies:
/// <c>builder.AddStaffAuthentication()</c>, then <c>app.UseStaffAuthentication()</c> before <c>UseAntiforgery()</c>,
/// and <c>app.MapStaffEndpoints()</c>. Needs an <see cref="Hospitality.EventStore.IDocumentStore"/> registered with
/// <see cref="TenancyStore.Configure"/> applied to its options.
/// </summary>
public static class StaffSetup
{
    /// <summary>The staff UI's cookie scheme.</summary>
    public const string StaffScheme = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>Bearer tokens of screens and machines.</summary>
    public const string DisplayScheme = DisplayTokenAuthenticationHandler.SchemeName;

    /// <summary>
    /// Picks ONE scheme per request: the display token when the request presents one, otherwise the cookie.
    /// Listing both schemes on a policy would merge both principals into one (a cookie of tenant A plus a token of
    /// tenant B), so "either" is a forwarding scheme, never a merge.
    /// </summary>
    public const string StaffOrDisplayScheme = "StaffOrDisplay";

    public static WebApplicationBuilder AddStaffAuthentication(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPasswordHasher<StaffAccount>, PasswordHasher<StaffAccount>>();
        services.AddScoped<StaffSignIn>();
        services.AddProblemDetails();
        services.AddOptions<SignInRateLimit>().BindConfiguration(SignInRateLimit.Section);
        services.AddOptions<StaffWriteRateLimit>().BindConfiguration(StaffWriteRateLimit.Section);
        services.AddOptions<Devices.MachineAddressRateLimit>().BindConfiguration(Devices.MachineAddressRateLimit.Section);
        services.AddOptions<StaffSessionOptions>().BindConfiguration(StaffSessionOptions.Section);
        services.AddOptions<TrustedProxies>().BindConfiguration(TrustedProxies.Section);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxies>>(TrustedProxies.Configure);

        services.AddAuthentication(o => o.DefaultScheme = StaffOrDisplayScheme)
            .AddCookie(StaffScheme, o =>
            {
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/access-denied";
                o.Cookie.Name = "hospitality.staff";
                o.Cookie.HttpOnly = true;
                // Lax: cross-site POSTs do not carry the cookie; see CrossSiteWriteGuard for the API's own defence.
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                // APIs and hubs answer 401/403; only pages redirect to the sign-in page.
                o.Events.OnRedirectToLogin = c => StatusOrRedirect(c, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = c => StatusOrRedirect(c, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = StaffCookieValidation.ValidateAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, DisplayTokenAuthenticationHandler>(DisplayScheme, null)
            .AddPolicyScheme(StaffOrDisplayScheme, "Staff cookie or display token", o =>
                // Under /api/v1 a bearer token is a machine's (its endpoints name the device-token scheme themselves): never a screen's.
                o.ForwardDefaultSelector = c => DisplayTokenAuthenticationHandler.PresentedToken(c.Request) is null
                    || c.Request.Path.StartsWithSegments("/api/v1") ? StaffScheme : DisplayScheme);

        string[] staffRoles = [.. HospitalityClaims.StaffRoles];
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.ViewBoard, p => p.AddAuthenticationSchemes(StaffScheme).RequireRole(staffRoles))
            .AddPolicy(Policies.OperateSessions, p => p.AddAuthenticationSchemes(StaffScheme)
                .RequireRole(nameof(StaffRole.Admin), nameof(StaffRole.Manager), nameof(StaffRole.Staff)))
            .AddPolicy(Policies.ManageVenue, p => p.AddAuthenticationSchemes(StaffScheme)
                .RequireRole(nameof(StaffRole.Admin), nameof(StaffRole.Manager)))
            .AddPolicy(Policies.Display, p => p.AddAuthenticationSchemes(DisplayScheme).RequireRole(HospitalityClaims.DisplayRole))
            .AddPolicy(Policies.LiveScreens, p => p.AddAuthenticationSchemes(StaffOrDisplayScheme)
                .RequireRole([.. staffRoles, HospitalityClaims.DisplayRole]))
            .AddPolicy(Policies.Agents, p => p.AddAuthenticationSchemes(StaffOrDisplayScheme)
                .RequireRole(nameof(StaffRole.Admin), nameof(StaffRole.Manager), nameof(StaffRole.Staff), HospitalityClaims.AgentRole));
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, StaffCircuitRevalidation>();

        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(SignInRateLimit.Limiter(), StaffWriteRateLimit.Limiter(),
                Devices.MachineAddressRateLimit.Limiter());
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                if (ApiV1.ApiV1.Applies(context.HttpContext))
                    await ApiV1.ApiV1.WriteErrorAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, ApiV1.ApiV1.MessageOf(StatusCodes.Status429TooManyRequests));
                else if (context.HttpContext.Request.Path.Equals(SignInRateLimit.SignInPath, StringComparison.OrdinalIgnoreCase))
                    await context.HttpContext.Response.WriteAsync("Too many sign-in attempts from your network. Wait a minute and try again.", ct);
                else
                    await context.HttpContext.Response.WriteAsync("Too many changes in a short time. Wait a minute and try again.", ct);
            };
        });
        return builder;
    }

    /// <summary>
    /// Forwarded headers of trusted proxies (only when <see cref="TrustedProxies"/> are configured), rate limiting,
    /// authentication and authorization. Call before <c>UseAntiforgery()</c>.
    /// </summary>
    public static WebApplication UseStaffAuthentication(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<TrustedProxies>>().Value.Networks.Count > 0)
            app.UseForwardedHeaders();
        // Authentication first, so the write limit knows who is writing (the sign-in limit goes by address either way).
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Sign-out, <c>/api/locations</c> and the display token API.</summary>
    public static WebApplication MapStaffEndpoints(this WebApplication app)
    {
        app.MapAccountEndpoints();
        var api = app.MapGroup("/api").AddEndpointFilter<CrossSiteWriteGuard>();
        api.MapLocationApi();
        api.MapDisplayTokenApi();
        return app;
    }

    private static Task StatusOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs"))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
