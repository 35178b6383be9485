using System.Security.Claims;
using System.Text.Encodings.Web;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Hospitality.Web.Staff.Screens;

/// <summary>
/// The "DisplayToken" scheme: a screen or machine presents <c>Authorization: Bearer &lt;token&gt;</c>, or, for SignalR
/// WebSockets under <c>/hubs</c> (browsers cannot set headers there), <c>?access_token=&lt;token&gt;</c>.
/// The token names its tenant, so validation is one load in that tenant's session; revoked tokens are refused
/// on every request (no cache), so a revocation takes effect at the next request or hub connection.
/// </summary>
public sealed class DisplayTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IDocumentStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DisplayToken";

    /// <summary>
    /// How long one authentication is good for. HTTP requests authenticate each time anyway; a hub mapped with
    /// <c>CloseOnAuthenticationExpiration = true</c> closes the connection at this point, so the screen reconnects
    /// and a revoked token is refused within this time instead of staying connected forever.
    /// </summary>
    public static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>The token the request presents, or null when it presents none (then another scheme may apply).</summary>
    public static string? PresentedToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return header["Bearer ".Length..].Trim();
        if (request.Path.StartsWithSegments("/hubs") && request.Query.TryGetValue("access_token", out var fromQuery))
            return fromQuery.ToString();
        return null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedToken(Request);
        if (presented is null)
            return AuthenticateResult.NoResult();
        if (!DisplayTokenSecret.TryParse(presented, out var token))
            return AuthenticateResult.Fail("The display token is malformed.");

        await using var session = store.QuerySession(token.TenantId);
        var stored = await session.LoadAsync<DisplayToken>(token.TokenId, Context.RequestAborted);
        if (stored is null || stored.TenantId != token.TenantId || !DisplayTokenSecret.Matches(token.Secret, stored.SecretHash))
            return AuthenticateResult.Fail("The display token is not valid.");
        if (stored.IsRevoked)
            return AuthenticateResult.Fail("The display token was revoked.");

        var identity = new ClaimsIdentity(
            [
                new Claim(HospitalityClaims.Tenant, stored.TenantId),
                new Claim(HospitalityClaims.Id, stored.Id),
                new Claim(HospitalityClaims.Name, stored.Label),
                new Claim(HospitalityClaims.Role, stored.Purpose == TokenPurpose.Agent ? HospitalityClaims.AgentRole : HospitalityClaims.DisplayRole),
                new Claim(HospitalityClaims.Location, stored.LocationId),
            ],
            SchemeName, HospitalityClaims.Name, HospitalityClaims.Role);
        var properties = new AuthenticationProperties { ExpiresUtc = TimeProvider.GetUtcNow() + ConnectionLifetime };
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = PresentedToken(Request) is null
            ? "Bearer"
            : "Bearer error=\"invalid_token\"";
        return Task.CompletedTask;
    }
}
