using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace Hospitality.Web.Staff.Account;

/// <summary>
/// A Blazor circuit keeps the principal it started with, for hours on a tablet. This re-reads the staff account
/// every <see cref="StaffSessionOptions.CircuitRevalidateAfter"/>: if it was deleted or its role changed, the
/// circuit's user becomes anonymous and authorized pages stop rendering (the cookie check does the same for HTTP).
/// </summary>
public sealed class StaffCircuitRevalidation(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<StaffSessionOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.CircuitRevalidateAfter;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await StillValidAsync(scope.ServiceProvider.GetRequiredService<IDocumentStore>(), state.User, ct);
    }

    /// <summary>Anonymous and display principals need no recheck here; staff must still exist with the same role.</summary>
    internal static async Task<bool> StillValidAsync(IDocumentStore store, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.IsStaff()) return true;
        var actor = user.StaffActor();
        await using var session = store.QuerySession(actor.TenantId);
        var account = await session.LoadAsync<StaffAccount>(actor.StaffId, ct);
        return account is not null && account.Role == actor.Role;
    }
}
