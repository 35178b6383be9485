using System.Security.Claims;

namespace Hospitality.Domain.Common;

/// <summary>The claims every edge (pages, endpoints, hubs) reads the acting tenant and location from.</summary>
public static class ActorClaims
{
    public const string Tenant = "tenant";
    public const string Location = "location";

    /// <summary>The actor, or null for an anonymous principal or one without a tenant.</summary>
    public static Actor? ToActor(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var tenant = user.FindFirst(Tenant)?.Value;
        if (string.IsNullOrEmpty(tenant)) return null;
        return new Actor(tenant, user.Identity.Name ?? "unknown", user.FindFirst(Location)?.Value);
    }
}
