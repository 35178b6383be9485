using Hospitality.Domain.Tenancy;

namespace Hospitality.Tests.Infrastructure;

/// <summary>The accounts <see cref="HospitalityHost.SeedTenantAsync"/> creates, by role.</summary>
public static class SeededAccounts
{
    /// <summary>The tenant's account with <paramref name="role"/> that works at every location.</summary>
    public static StaffAccount Account(this SeededTenant tenant, StaffRole role) =>
        tenant.Staff.Single(s => s.Role == role && s.LocationId is null);
}
