using System.Security.Claims;

namespace Hospitality.Domain.Tenancy;

/// <summary>
/// The claims every signed-in principal carries. Other features code against these names: keep them stable.
/// <list type="bullet">
/// <item><see cref="Tenant"/> ("tenant"): the tenant id; exactly one per principal.</item>
/// <item><see cref="ClaimTypes.NameIdentifier"/>: the staff account id, or the display token id.</item>
/// <item><see cref="ClaimTypes.Name"/>: the staff member's display name, or the display token's label.</item>
/// <item><see cref="ClaimTypes.Role"/>: Admin, Manager, Staff or Viewer (<see cref="StaffRole"/>), or <see cref="DisplayRole"/>.</item>
/// <item><see cref="Location"/> ("location"): the one location a display token, or staff bound to one location, may reach.</item>
/// </list>
/// </summary>
public static class HospitalityClaims
{
    public const string Tenant = "tenant";
    public const string Location = "location";
    public const string Id = ClaimTypes.NameIdentifier;
    public const string Name = ClaimTypes.Name;
    public const string Role = ClaimTypes.Role;

    /// <summary>The role of a principal signed in with a display token.</summary>
    public const string DisplayRole = "Display";

    /// <summary>The role of a principal signed in with an agent token (<see cref="TokenPurpose.Agent"/>).</summary>
    public const string AgentRole = "Agent";

    public static readonly IReadOnlyList<string> StaffRoles = Enum.GetNames<StaffRole>();
}

/// <summary>Reading <see cref="HospitalityClaims"/> from a principal.</summary>
public static class HospitalityClaimsPrincipalExtensions
{
    /// <summary>The principal's tenant. Throws when it has none, or more than one (never guess a tenant).</summary>
    public static string TenantId(this ClaimsPrincipal principal)
    {
        var tenants = principal.FindAll(HospitalityClaims.Tenant).Select(c => c.Value).Distinct().ToList();
        return tenants.Count switch
        {
            1 => tenants[0],
            0 => throw new InvalidOperationException("The principal carries no tenant claim: it is not signed in to a tenant."),
            _ => throw new InvalidOperationException("The principal carries claims of several tenants; refusing to pick one."),
        };
    }

    /// <summary>The one location a display token or location-bound staff member may reach; null for staff of every location.</summary>
    public static string? LocationId(this ClaimsPrincipal principal) => principal.FindFirst(HospitalityClaims.Location)?.Value;

    /// <summary>Who is acting, for audit fields and event metadata: the display name or token label.</summary>
    public static string ActorName(this ClaimsPrincipal principal) =>
        principal.FindFirst(HospitalityClaims.Name)?.Value
        ?? principal.FindFirst(HospitalityClaims.Id)?.Value
        ?? "unknown";

    public static bool IsDisplay(this ClaimsPrincipal principal) => principal.IsInRole(HospitalityClaims.DisplayRole);

    public static bool IsStaff(this ClaimsPrincipal principal) => HospitalityClaims.StaffRoles.Any(principal.IsInRole);

    /// <summary>
    /// Whether the principal may read a location of its own tenant: staff of every location any, a display or
    /// location-bound staff member only their own.
    /// <paramref name="locationId"/> must have been found in the principal's tenant (a tenant-scoped load);
    /// use the <see cref="Location"/> overload when you hold the location.
    /// </summary>
    public static bool CanReadLocation(this ClaimsPrincipal principal, string locationId)
    {
        if (principal.IsDisplay() || principal.LocationId() is not null)
            return principal.LocationId() == locationId;
        return principal.IsStaff();
    }

    /// <summary>As <see cref="CanReadLocation(ClaimsPrincipal, string)"/>, also checking the location's tenant.</summary>
    public static bool CanReadLocation(this ClaimsPrincipal principal, Location location) =>
        location.TenantId == principal.TenantId() && principal.CanReadLocation(location.Id);

    /// <summary>The signed-in staff member as a decision's actor. Throws for display tokens and anonymous principals.</summary>
    public static StaffActor StaffActor(this ClaimsPrincipal principal)
    {
        var role = HospitalityClaims.StaffRoles.FirstOrDefault(principal.IsInRole)
            ?? throw new InvalidOperationException("The principal is not a staff member.");
        var id = principal.FindFirst(HospitalityClaims.Id)?.Value
            ?? throw new InvalidOperationException("The principal carries no name identifier.");
        return new StaffActor(principal.TenantId(), id, principal.ActorName(), Enum.Parse<StaffRole>(role));
    }
}
