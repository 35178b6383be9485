namespace Hospitality.Domain.Tenancy;

/// <summary>What a token is for.</summary>
public enum TokenPurpose
{
    /// <summary>A screen that shows one location's boards (a kitchen board, a lobby TV): reads live boards only.</summary>
    Display,
    /// <summary>An AI voice or chat agent answering for one location: calls the agent functions only (capture_customer_info).</summary>
    Agent,
}

/// <summary>
/// A credential for one screen, machine or agent of one location (a kitchen board, a lobby screen, a phone agent).
/// Only the SHA-256 hash of its secret is kept (<see cref="DisplayTokenSecret"/>); the token itself is shown once.
/// </summary>
public sealed record DisplayToken(
    string Id,
    string TenantId,
    string LocationId,
    string Label,
    string SecretHash,
    string IssuedBy,
    DateTimeOffset IssuedAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy,
    TokenPurpose Purpose = TokenPurpose.Display)
{
    public bool IsRevoked => RevokedAt is not null;

    public static DisplayToken Create(DisplayTokenIssued e) =>
        new(e.TokenId, e.TenantId, e.LocationId, e.Label, e.SecretHash, e.IssuedBy, e.At, null, null, e.Purpose);

    public DisplayToken Apply(DisplayTokenRevoked e) => this with { RevokedAt = e.At, RevokedBy = e.RevokedBy };
}

public sealed record DisplayTokenIssued(
    string TokenId, string TenantId, string LocationId, string Label, string SecretHash, string IssuedBy, DateTimeOffset At,
    TokenPurpose Purpose = TokenPurpose.Display);

public sealed record DisplayTokenRevoked(string TokenId, string TenantId, string RevokedBy, DateTimeOffset At);

/// <summary>The staff member acting, as the edge read them from their sign-in.</summary>
public sealed record StaffActor(string TenantId, string StaffId, string Name, StaffRole Role)
{
    public bool ManagesVenue => Role is StaffRole.Admin or StaffRole.Manager;
}

/// <summary>Decisions on display tokens: only an Admin or a Manager of the location's tenant issues or revokes them.</summary>
public static class DisplayTokens
{
    public const int MaxLabelLength = 60;

    /// <param name="TokenId">A fresh id from the caller.</param>
    /// <param name="SecretHash">The hash of a fresh secret (<see cref="DisplayTokenSecret.Hash"/>); the secret never reaches a decision.</param>
    public sealed record Issue(string TokenId, string Label, string SecretHash, StaffActor By, DateTimeOffset At, TokenPurpose Purpose = TokenPurpose.Display);

    public sealed record Revoke(StaffActor By, DateTimeOffset At);

    public static DisplayTokenIssued Decide(Location location, Issue command)
    {
        if (!command.By.ManagesVenue)
            throw DomainException.Forbidden("Only an Admin or a Manager can issue display tokens.");
        if (command.By.TenantId != location.TenantId)
            throw DomainException.Forbidden("Display tokens can only be issued for your own locations.");
        var label = command.Label?.Trim() ?? "";
        if (label.Length == 0)
            throw DomainException.Invalid("A display token needs a label, such as \"Bar screen\".");
        if (label.Length > MaxLabelLength)
            throw DomainException.Invalid($"A display token label can be at most {MaxLabelLength} characters long.");
        ArgumentException.ThrowIfNullOrEmpty(command.SecretHash);
        ArgumentException.ThrowIfNullOrEmpty(command.TokenId);

        return new DisplayTokenIssued(command.TokenId, location.TenantId, location.Id, label, command.SecretHash,
            command.By.Name, command.At, command.Purpose);
    }

    /// <returns>The revocation, or null when the token was already revoked (revoking twice changes nothing).</returns>
    public static DisplayTokenRevoked? Decide(DisplayToken token, Revoke command)
    {
        if (!command.By.ManagesVenue)
            throw DomainException.Forbidden("Only an Admin or a Manager can revoke display tokens.");
        if (command.By.TenantId != token.TenantId)
            throw DomainException.Forbidden("Display tokens can only be revoked by their own tenant.");
        if (token.IsRevoked)
            return null;

        return new DisplayTokenRevoked(token.Id, token.TenantId, command.By.Name, command.At);
    }
}
