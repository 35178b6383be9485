using System.Text.Encodings.Web;
using Hospitality.Hubs.GroupOrders;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Hospitality.Web.GroupOrders;

/// <summary>
/// The "RoomInvite" scheme: a guest's phone presents its personal invite link's token as <c>?access_token=</c> (SignalR's
/// way for WebSockets, on <c>/hubs/group-orders</c>), <c>?token=</c> (the seed's socket), or <c>Authorization: Bearer</c>.
/// The signature and expiry are checked here; whether the room still admits the link (not revoked, still a member of
/// the circle) is checked on every call by the room itself.
/// </summary>
public sealed class RoomInviteAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, RoomInviteLinks links)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "RoomInvite";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : Request.Query["access_token"].FirstOrDefault() ?? Request.Query["token"].FirstOrDefault();
        if (token is null) return Task.FromResult(AuthenticateResult.NoResult());
        var guest = links.Read(token);
        return Task.FromResult(guest is null
            ? AuthenticateResult.Fail("The invite link is not valid, or has expired.")
            : AuthenticateResult.Success(new AuthenticationTicket(RoomInviteLinks.Principal(guest, SchemeName), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return Task.CompletedTask;
    }
}
