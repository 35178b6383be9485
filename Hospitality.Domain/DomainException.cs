namespace Hospitality.Domain;

/// <summary>
/// A decision refused a command. The message is a sentence a user can read; <see cref="Kind"/> tells the
/// edges which status to answer with (HTTP 404/409/422, or a HubException).
/// </summary>
public sealed class DomainException(DomainErrorKind kind, string message) : Exception(message)
{
    public DomainErrorKind Kind { get; } = kind;

    public static DomainException NotFound(string message) => new(DomainErrorKind.NotFound, message);
    public static DomainException Invalid(string message) => new(DomainErrorKind.Invalid, message);
    public static DomainException Conflict(string message) => new(DomainErrorKind.Conflict, message);
    public static DomainException Forbidden(string message) => new(DomainErrorKind.Forbidden, message);
}

public enum DomainErrorKind
{
    /// <summary>The thing named does not exist for this tenant.</summary>
    NotFound,
    /// <summary>The input is malformed or out of range.</summary>
    Invalid,
    /// <summary>The command is not allowed in the current state, or the state moved on (stale version).</summary>
    Conflict,
    /// <summary>The actor may not do this.</summary>
    Forbidden,
}
