using System.Security.Claims;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Hospitality.Web.Staff.Account;

/// <summary>
/// Checks an email and password against the stored account and records the attempt (failure count, lock) in the
/// account, so a lock holds on every server. Finds the account through the <see cref="SignInEmail"/> document of
/// the system tenant, then loads it from the one tenant that names.
/// </summary>
public sealed partial class StaffSignIn(
    IDocumentStore store, IPasswordHasher<StaffAccount> hasher, TimeProvider clock, ILogger<StaffSignIn> log)
{
    // Concurrent attempts on one account retry on the new state; past this many conflicts the attempt is refused.
    private const int SaveAttempts = 5;

    // Verifying against this hash when the email is unknown keeps the response time the same as for a real account,
    // so timing does not reveal which emails exist.
    private static readonly StaffAccount Nobody = new("", "", "", "", StaffRole.Viewer, "", 0, null, 0);
    private static readonly Lazy<string> NobodysHash = new(() => new PasswordHasher<StaffAccount>().HashPassword(Nobody, Guid.NewGuid().ToString()));

    /// <returns>The principal to sign in with, or null for any failure (unknown email, wrong password, locked).</returns>
    public async Task<ClaimsPrincipal?> TrySignInAsync(string? email, string? password, CancellationToken ct = default)
    {
        password ??= "";
        if (!StaffEmail.IsPlausible(email))
        {
            hasher.VerifyHashedPassword(Nobody, NobodysHash.Value, password);
            return null;
        }
        var normalized = StaffEmail.Normalize(email!);

        for (var attempt = 1; ; attempt++)
        {
            var account = await FindAsync(normalized, ct);
            if (account is null)
            {
                hasher.VerifyHashedPassword(Nobody, NobodysHash.Value, password);
                LogUnknownEmail(log);
                return null;
            }

            var verification = hasher.VerifyHashedPassword(account, account.PasswordHash, password);
            var decided = SignIn.Decide(account,
                new SignIn.Attempt(verification != PasswordVerificationResult.Failed, clock.GetUtcNow()));
            var next = account.Apply(decided);
            if (decided is SignInSucceeded && verification == PasswordVerificationResult.SuccessRehashNeeded)
                next = next with { PasswordHash = hasher.HashPassword(account, password) };

            try
            {
                if (next != account)
                    await SaveAsync(account, next, ct);
            }
            catch (ConcurrencyException)
            {
                // Another attempt on the same account won the race: decide again on its result. If it keeps losing,
                // fail closed: an attempt whose outcome could not be recorded must not sign anyone in.
                if (attempt < SaveAttempts) continue;
                LogTooManyConflicts(log, account.TenantId, account.Id);
                return null;
            }

            LogAttempt(log, account.TenantId, account.Id, decided.GetType().Name);
            return decided is SignInSucceeded ? PrincipalFor(next) : null;
        }
    }

    /// <summary>The claims of a signed-in staff member (<see cref="HospitalityClaims"/>).</summary>
    public static ClaimsPrincipal PrincipalFor(StaffAccount account) =>
        new(new ClaimsIdentity(
            [
                new Claim(HospitalityClaims.Tenant, account.TenantId),
                new Claim(HospitalityClaims.Id, account.Id),
                new Claim(HospitalityClaims.Name, account.DisplayName),
                new Claim(HospitalityClaims.Role, account.Role.ToString()),
                new Claim(ClaimTypes.Email, account.Email),
                .. account.LocationId is { } location ? [new Claim(HospitalityClaims.Location, location)] : Array.Empty<Claim>(),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme, HospitalityClaims.Name, HospitalityClaims.Role));

    private async Task<StaffAccount?> FindAsync(string normalizedEmail, CancellationToken ct)
    {
        SignInEmail? entry;
        await using (var system = store.QuerySession(TenancyStore.SystemTenant))
            entry = await system.LoadAsync<SignInEmail>(normalizedEmail, ct);
        if (entry is null) return null;

        await using var session = store.QuerySession(entry.TenantId);
        var account = await session.LoadAsync<StaffAccount>(entry.StaffId, ct);
        return account is not null && account.Email == normalizedEmail && account.TenantId == entry.TenantId ? account : null;
    }

    private async Task SaveAsync(StaffAccount loaded, StaffAccount next, CancellationToken ct)
    {
        await using var session = store.LightweightSession(loaded.TenantId);
        session.Store(next with { Version = loaded.Version + 1 }, loaded.Version);
        await session.SaveChangesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in attempt for an unknown email")]
    private static partial void LogUnknownEmail(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in attempt for staff {StaffId} of tenant {TenantId} refused: its outcome could not be saved")]
    private static partial void LogTooManyConflicts(ILogger logger, string tenantId, string staffId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in attempt for staff {StaffId} of tenant {TenantId}: {Outcome}")]
    private static partial void LogAttempt(ILogger logger, string tenantId, string staffId, string outcome);
}
