using Hospitality.Domain;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;

namespace Hospitality.Web.Staff.Screens;

/// <summary>A display token as listed to managers: never its secret.</summary>
public sealed record DisplayTokenView(
    string Id, string LocationId, string Label, string IssuedBy, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt, string? RevokedBy,
    TokenPurpose Purpose)
{
    public static DisplayTokenView Of(DisplayToken t) =>
        new(t.Id, t.LocationId, t.Label, t.IssuedBy, t.IssuedAt, t.RevokedAt, t.RevokedBy, t.Purpose);
}

/// <summary>A freshly issued token. <see cref="Token"/> is shown this once and never stored.</summary>
public sealed record IssuedDisplayToken(string Id, string LocationId, string Label, DateTimeOffset IssuedAt, string Token, TokenPurpose Purpose);

/// <summary>
/// Load, decide, store for display tokens; shared by the API and the Screens page. Every session is opened on the
/// actor's own tenant, so a location or token of another tenant is simply not found.
/// </summary>
public static class DisplayTokenCommands
{
    /// <returns>The token, or null when the location is not one of the actor's tenant.</returns>
    /// <exception cref="Hospitality.Domain.DomainException">The decision refused (role, label).</exception>
    public static async Task<IssuedDisplayToken?> IssueAsync(
        IDocumentStore store, StaffActor by, string locationId, string label, DateTimeOffset now, CancellationToken ct = default,
        TokenPurpose purpose = TokenPurpose.Display)
    {
        await using var session = store.LightweightSession(by.TenantId);
        var location = await session.LoadAsync<Location>(locationId, ct);
        if (location is null) return null;

        var secret = DisplayTokenSecret.New(by.TenantId);
        var issued = DisplayTokens.Decide(location,
            new DisplayTokens.Issue(secret.TokenId, label, DisplayTokenSecret.Hash(secret.Secret), by, now, purpose));
        session.Insert(DisplayToken.Create(issued));
        session.LastModifiedBy = by.Name;
        await session.SaveChangesAsync(ct);
        return new IssuedDisplayToken(issued.TokenId, issued.LocationId, issued.Label, issued.At, secret.ToString(), issued.Purpose);
    }

    /// <returns>The token after revocation (also when it was revoked before), or null when not found in the actor's tenant.</returns>
    public static async Task<DisplayTokenView?> RevokeAsync(
        IDocumentStore store, StaffActor by, string tokenId, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var session = store.LightweightSession(by.TenantId);
        var token = await session.LoadAsync<DisplayToken>(tokenId, ct);
        if (token is null) return null;

        var revoked = DisplayTokens.Decide(token, new DisplayTokens.Revoke(by, now));
        if (revoked is null) return DisplayTokenView.Of(token);

        var next = token.Apply(revoked);
        session.Store(next);
        session.LastModifiedBy = by.Name;
        await session.SaveChangesAsync(ct);
        return DisplayTokenView.Of(next);
    }

    /// <returns>The location's tokens, newest first, or null when the location is not one of the tenant's.</returns>
    public static async Task<IReadOnlyList<DisplayTokenView>?> ListAsync(
        IDocumentStore store, string tenantId, string locationId, CancellationToken ct = default)
    {
        await using var session = store.QuerySession(tenantId);
        if (await session.LoadAsync<Location>(locationId, ct) is null) return null;
        var tokens = await session.Query<DisplayToken>()
            .Where(t => t.LocationId == locationId)
            .OrderByDescending(t => t.IssuedAt)
            .ToListAsync(ct);
        return tokens.Select(DisplayTokenView.Of).ToList();
    }
}
