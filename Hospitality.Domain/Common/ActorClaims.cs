using System.Security.Claims;
using Hospitality.Domain.Tenancy;

namespace Hospitality.Domain.Common;

/// <summary>The acting tenant, name and location of a principal, as every edge (pages, endpoints, hubs) hands it to commands.</summary>
public static class ActorClaims
{
    /// <summary>The actor, or null for an anonymous principal or one without exactly one tenant.</summary>
    public static Actor? ToActor(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindAll(HospitalityClaims.Tenant).Count() != 1) return null;
        return new Actor(user.TenantId(), user.ActorName(), user.LocationId());
    }
}
