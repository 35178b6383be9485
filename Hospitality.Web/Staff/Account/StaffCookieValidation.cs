using System.Globalization;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Hospitality.Web.Staff.Account;

public sealed class StaffSessionOptions
{
    public const string Section = "Staff:Session";

    /// <summary>How long a cookie's claims are trusted before the account is read again.</summary>
    public TimeSpan RevalidateAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often an open Blazor circuit re-reads its staff account (<see cref="StaffCircuitRevalidation"/>).</summary>
    public TimeSpan CircuitRevalidateAfter { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Re-reads the account behind a staff cookie at most every <see cref="StaffSessionOptions.RevalidateAfter"/>:
/// a deleted account's cookie stops working, and a changed role or name takes effect without signing in again.
/// (Blazor circuits keep the principal they started with until they reconnect.)
/// </summary>
public static class StaffCookieValidation
{
    private const string CheckedAt = "staff-checked-at";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var revalidateAfter = services.GetRequiredService<IOptions<StaffSessionOptions>>().Value.RevalidateAfter;
        if (context.Properties.Items.TryGetValue(CheckedAt, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var checkedAt)
            && now - checkedAt < revalidateAfter)
            return;

        var account = await LoadAccountAsync(context, services.GetRequiredService<IDocumentStore>());
        if (account is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        context.Properties.Items[CheckedAt] = now.ToString("O", CultureInfo.InvariantCulture);
        var current = StaffSignIn.PrincipalFor(account);
        if (!SameClaims(context.Principal!, current))
            context.ReplacePrincipal(current);
        context.ShouldRenew = true;
    }

    private static async Task<StaffAccount?> LoadAccountAsync(CookieValidatePrincipalContext context, IDocumentStore store)
    {
        var principal = context.Principal;
        var id = principal?.FindFirst(HospitalityClaims.Id)?.Value;
        var tenants = principal?.FindAll(HospitalityClaims.Tenant).Select(c => c.Value).Distinct().ToList();
        if (id is null || tenants is not [var tenant] || !Tenant.IsValidId(tenant))
            return null;
        await using var session = store.QuerySession(tenant);
        return await session.LoadAsync<StaffAccount>(id, context.HttpContext.RequestAborted);
    }

    private static bool SameClaims(System.Security.Claims.ClaimsPrincipal a, System.Security.Claims.ClaimsPrincipal b) =>
        a.Claims.Select(c => (c.Type, c.Value)).Order().SequenceEqual(b.Claims.Select(c => (c.Type, c.Value)).Order());
}
