using System.Security.Claims;
using Hospitality.Domain.Tenancy;

namespace Hospitality.Domain.Devices;

/// <summary>The principal of a machine signed in with its device token: role <see cref="Role"/>, its id as NameIdentifier.</summary>
public static class DeviceClaims
{
    public const string Role = "Device";

    /// <summary>The hash of the token the machine signed in with: a connection made before the token changed is told apart.</summary>
    public const string TokenHash = "device_token";

    /// <summary>The machine a principal is, or null for anyone else.</summary>
    public static DeviceCaller? CallerOf(ClaimsPrincipal? user) =>
        user?.IsInRole(Role) == true && user.FindFirst(HospitalityClaims.Tenant)?.Value is { } tenant
        && Guid.TryParseExact(user.FindFirst(HospitalityClaims.Id)?.Value, "N", out var id)
            ? new DeviceCaller(tenant, id)
            : null;
}
