namespace Hospitality.Domain.Tenancy;

/// <summary>
/// A customer of the platform: one operator with its venues. Stored in its own tenant under its own id.
/// </summary>
public sealed record Tenant(string Id, string Name)
{
    /// <summary>
    /// Tenant ids are lower-case slugs (letters, digits, dashes; 2–40 long; not starting with a dash) because they
    /// travel inside display tokens and topic names. The system tenant is reserved.
    /// </summary>
    public static bool IsValidId(string? id) =>
        id is { Length: >= 2 and <= 40 }
        && id[0] != '-'
        && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && id != TenancyStore.SystemTenant;
}
