using System.Security.Claims;
using System.Security.Cryptography;
using Hospitality.Domain.GroupOrders;
using Hospitality.Domain.Tenancy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Hospitality.Hubs.GroupOrders;

/// <summary>
/// Personal invite links to a room. A link carries its tenant, room, guest and invite id, signed and time-limited with
/// the servers' shared Data Protection key ring (authenticated encryption: a changed or forged link does not read, and
/// one past its expiry does not either). It is never stored; the room keeps the invite id, so a revoked link stops
/// working at once. The page, the hub and the seed's socket all read links here.
/// </summary>
public sealed class RoomInviteLinks(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string GuestRole = "Guest";
    public const string RoomClaim = "room";
    public const string InviteClaim = "invite";

    /// <summary>Where a link opens the phone page.</summary>
    public static string PagePath(string token) => $"/join/{token}";

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Hospitality.GroupOrders.RoomInvite.v1").ToTimeLimitedDataProtector();

    public string Sign(string tenantId, RoomInviteIssued invite) =>
        WebEncoders.Base64UrlEncode(Protector.Protect(
            System.Text.Encoding.UTF8.GetBytes(string.Join('\n', tenantId, invite.Room.Id.ToString("N"), invite.CustomerId, invite.InviteId)),
            invite.ExpiresAt));

    /// <summary>The guest a link admits, or null when it is malformed, forged or expired (revocation is checked on every call).</summary>
    public RoomGuest? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2048) return null;
        try
        {
            var bytes = Protector.Unprotect(WebEncoders.Base64UrlDecode(token), out var expiresAt);
            if (expiresAt <= clock.GetUtcNow()) return null;
            var parts = System.Text.Encoding.UTF8.GetString(bytes).Split('\n');
            return parts.Length == 4 && Guid.TryParseExact(parts[1], "N", out var roomId) ? new RoomGuest(parts[0], roomId, parts[2], parts[3]) : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The principal a valid link signs in as: a guest of one tenant, in one room.</summary>
    public static ClaimsPrincipal Principal(RoomGuest guest, string scheme) => new(new ClaimsIdentity(
        [
            new Claim(HospitalityClaims.Tenant, guest.TenantId),
            new Claim(HospitalityClaims.Id, guest.CustomerId),
            new Claim(HospitalityClaims.Name, "guest"),
            new Claim(HospitalityClaims.Role, GuestRole),
            new Claim(RoomClaim, guest.RoomId.ToString("N")),
            new Claim(InviteClaim, guest.InviteId),
        ], scheme, HospitalityClaims.Name, HospitalityClaims.Role));

    /// <summary>The guest of a principal signed in with a link, or null for anyone else.</summary>
    public static RoomGuest? GuestOf(ClaimsPrincipal? user) =>
        user?.IsInRole(GuestRole) == true
        && user.FindFirst(HospitalityClaims.Tenant)?.Value is { } tenant
        && user.FindFirst(HospitalityClaims.Id)?.Value is { } customer
        && Guid.TryParseExact(user.FindFirst(RoomClaim)?.Value, "N", out var room)
        && user.FindFirst(InviteClaim)?.Value is { } invite
            ? new RoomGuest(tenant, room, customer, invite)
            : null;
}
