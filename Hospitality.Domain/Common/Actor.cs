namespace Hospitality.Domain.Common;

/// <summary>Who is acting, for which tenant. Comes in on every command so decisions need no ambient context.</summary>
/// <param name="TenantId">The business the actor belongs to; every read and write is scoped to it.</param>
/// <param name="Name">Display name written into event metadata (never an email or phone number).</param>
/// <param name="LocationId">For screens and machines bound to one location; null for staff.</param>
public sealed record Actor(string TenantId, string Name, string? LocationId = null)
{
    /// <summary>Whether this actor may read or change things at <paramref name="locationId"/>.</summary>
    public bool CanReach(string locationId) => LocationId is null || LocationId == locationId;
}
