using System.Security.Claims;
using System.Text.Encodings.Web;
using Hospitality.Domain.Devices;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Hospitality.Web.Devices;

/// <summary>
/// The "DeviceToken" scheme: a machine presents <c>Authorization: Bearer &lt;tenant&gt;.&lt;deviceId&gt;.&lt;secret&gt;</c>
/// (or <c>?access_token=</c> on <c>/hubs/devices</c>). Only the SHA-256 of the secret is stored, on the machine's own
/// document; a replaced or revoked token is refused at the next request, as is any token of another tenant.
/// </summary>
public sealed class DeviceTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IDocumentStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DeviceToken";
    public const string DeviceRole = DeviceClaims.Role;

    /// <summary>How long one sign-in of a machine's hub connection lasts (its calls also check the token is still current).</summary>
    public static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(5);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim()
            : Request.Path.StartsWithSegments("/hubs/devices") ? Request.Query["access_token"].FirstOrDefault() : null;
        if (presented is null) return AuthenticateResult.NoResult();
        if (!DisplayTokenSecret.TryParse(presented, out var token) || !Guid.TryParseExact(token.TokenId, "N", out var deviceId))
            return AuthenticateResult.Fail("The device token is malformed.");

        await using var session = store.QuerySession(token.TenantId);
        var device = await session.LoadAsync<Device>(deviceId, Context.RequestAborted);
        if (device?.TokenHash is null || !DisplayTokenSecret.Matches(token.Secret, device.TokenHash))
            return AuthenticateResult.Fail("The device token is not valid (or was replaced or revoked).");

        var identity = new ClaimsIdentity(
            [
                new Claim(HospitalityClaims.Tenant, token.TenantId),
                new Claim(HospitalityClaims.Id, device.Id.ToString("N")),
                new Claim(HospitalityClaims.Name, $"machine {device.Name}"),
                new Claim(HospitalityClaims.Role, DeviceRole),
                new Claim(HospitalityClaims.Location, device.LocationId),
                new Claim(DeviceClaims.TokenHash, device.TokenHash),
            ],
            SchemeName, HospitalityClaims.Name, HospitalityClaims.Role);
        // A hub connection is closed when this runs out (CloseOnAuthenticationExpiration), and signs in again with its token.
        var properties = new AuthenticationProperties { ExpiresUtc = TimeProvider.GetUtcNow() + ConnectionLifetime };
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, SchemeName));
    }
}
