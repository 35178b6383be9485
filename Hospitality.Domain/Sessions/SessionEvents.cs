namespace Hospitality.Domain.Sessions;

/// <summary>A hookah session began at a table with its first flavors.</summary>
public sealed record SessionStarted(
    Guid SessionId, string LocationId, string Table, IReadOnlyList<string> Flavors,
    string? CustomerId, DateTimeOffset At);

/// <summary>Staff saw the coals need attention; the card turns to "needs refill".</summary>
public sealed record RefillRequested(Guid SessionId, DateTimeOffset At);

/// <summary>The refill was done; the session is active again.</summary>
public sealed record RefillCompleted(Guid SessionId, DateTimeOffset At);

/// <summary>The coals were checked and found in a new state.</summary>
public sealed record CoalStatusUpdated(Guid SessionId, CoalStatus Status, DateTimeOffset At);

/// <summary>A flavor was added to the bowl, from the library or typed in by staff.</summary>
public sealed record FlavorAdded(Guid SessionId, string Flavor, bool Custom, DateTimeOffset At);

/// <summary>The guest is done; the card leaves the board.</summary>
public sealed record SessionEnded(Guid SessionId, DateTimeOffset At);

public enum SessionStatus { Active, NeedsRefill, Ended }

public enum CoalStatus { Fresh, Burning, Low, Out }
