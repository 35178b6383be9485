namespace Hospitality.Domain.Tenancy;

/// <summary>What a staff member may do. Claim values use these names exactly.</summary>
public enum StaffRole { Admin, Manager, Staff, Viewer }

/// <summary>
/// A person who signs in to the staff UI. <see cref="Email"/> is normalized (<see cref="StaffEmail.Normalize"/>)
/// and unique across the platform (<see cref="SignInEmail"/>). Lockout state lives here, in the store, so it
/// holds across servers.
/// </summary>
/// <param name="Version">The store's version of this document; a save expects it unchanged (optimistic concurrency).</param>
/// <param name="LocationId">The one location this person works at, or null for every location of the tenant. Staff of
/// one location see only its board, and never another location's private notes.</param>
public sealed record StaffAccount(
    string Id,
    string TenantId,
    string Email,
    string DisplayName,
    StaffRole Role,
    string PasswordHash,
    int FailedSignIns,
    DateTimeOffset? LockedUntil,
    long Version,
    string? LocationId = null)
{
    public bool IsLockedAt(DateTimeOffset at) => LockedUntil is { } until && at < until;

    public StaffAccount Apply(SignInSucceeded _) => this with { FailedSignIns = 0, LockedUntil = null };

    public StaffAccount Apply(SignInFailed e) => this with { FailedSignIns = e.ConsecutiveFailures };

    // The count starts again after a lock, so the lock's end gives a full set of attempts, not one.
    public StaffAccount Apply(StaffAccountLocked e) => this with { FailedSignIns = 0, LockedUntil = e.LockedUntil };

    public StaffAccount Apply(SignInRefusedWhileLocked _) => this;

    /// <summary>Folds whichever sign-in event <see cref="SignIn.Decide"/> returned.</summary>
    public StaffAccount Apply(SignInAttempted e) => e switch
    {
        SignInSucceeded s => Apply(s),
        SignInFailed f => Apply(f),
        StaffAccountLocked l => Apply(l),
        SignInRefusedWhileLocked r => Apply(r),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "Unknown sign-in event."),
    };
}

/// <summary>Email rules for sign-in.</summary>
public static class StaffEmail
{
    /// <summary>Trimmed and lower-cased (invariant), the form stored and looked up.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>A plausible address: something before and after one '@', no spaces, at most 254 characters.</summary>
    public static bool IsPlausible(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return false;
        var e = email.Trim();
        var at = e.IndexOf('@');
        return e.Length <= 254 && at > 0 && at == e.LastIndexOf('@') && at < e.Length - 1 && !e.Any(char.IsWhiteSpace);
    }
}

/// <summary>
/// Reserves an email platform-wide and says where its account lives. Stored only in
/// <see cref="TenancyStore.SystemTenant"/>, so sign-in reads one explicit system document, then the one tenant it names:
/// no query ever spans tenants.
/// </summary>
/// <param name="Id">The normalized email.</param>
public sealed record SignInEmail(string Id, string TenantId, string StaffId);
