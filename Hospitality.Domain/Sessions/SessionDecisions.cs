using Hospitality.Domain.Common;

namespace Hospitality.Domain.Sessions;

/// <summary>Something staff want to happen to a session. Time comes in on the command: decisions read no clock.</summary>
public abstract record SessionCommand(DateTimeOffset At);

public sealed record StartSession(
    Guid SessionId, string LocationId, string Table, IReadOnlyList<string> Flavors,
    string? CustomerId, DateTimeOffset At) : SessionCommand(At);

public sealed record RequestRefill(DateTimeOffset At) : SessionCommand(At);
public sealed record CompleteRefill(DateTimeOffset At) : SessionCommand(At);
public sealed record UpdateCoalStatus(CoalStatus Status, DateTimeOffset At) : SessionCommand(At);
public sealed record AddFlavor(string Flavor, bool Custom, DateTimeOffset At) : SessionCommand(At);
public sealed record EndSession(DateTimeOffset At) : SessionCommand(At);

/// <summary>Pure decisions: given the session so far and a command, the events to record, or a readable refusal.</summary>
public static class SessionDecisions
{
    public const int MaxFlavorLength = 60;
    public const int MaxFlavors = 8;
    public const int MaxTableLength = 32;

    public static object[] Decide(HookahSession? session, SessionCommand command)
    {
        if (command is StartSession start)
        {
            if (session is not null) throw DomainException.Conflict($"Session {start.SessionId} has already started.");
            return [Start(start)];
        }
        if (session is null) throw DomainException.NotFound("That session does not exist.");
        if (session.Status == SessionStatus.Ended)
            throw DomainException.Conflict($"The session at table {session.Table} has ended; start a new one.");

        return command switch
        {
            RequestRefill c => session.Status == SessionStatus.NeedsRefill
                ? throw DomainException.Conflict($"A refill is already requested for table {session.Table}.")
                : [new RefillRequested(session.Id, c.At)],
            CompleteRefill c => session.Status != SessionStatus.NeedsRefill
                ? throw DomainException.Conflict($"No refill was requested for table {session.Table}, so there is none to complete.")
                : [new RefillCompleted(session.Id, c.At)],
            UpdateCoalStatus c => session.Coal == c.Status
                ? throw DomainException.Conflict($"The coal at table {session.Table} is already {c.Status.ToString().ToLowerInvariant()}.")
                : [new CoalStatusUpdated(session.Id, c.Status, c.At)],
            AddFlavor c => [AddFlavorTo(session, c)],
            EndSession c => [new SessionEnded(session.Id, c.At)],
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown session command."),
        };
    }

    private static SessionStarted Start(StartSession c)
    {
        var table = c.Table?.Trim() ?? "";
        if (table.Length == 0) throw DomainException.Invalid("A table is required to start a session.");
        if (table.Length > MaxTableLength) throw DomainException.Invalid($"The table name is longer than {MaxTableLength} characters.");
        if (string.IsNullOrWhiteSpace(c.LocationId)) throw DomainException.Invalid("A location is required to start a session.");
        var flavors = (c.Flavors ?? []).Select(Flavor).ToList();
        if (flavors.Count == 0) throw DomainException.Invalid("Pick at least one flavor to start a session.");
        if (flavors.Count > MaxFlavors) throw DomainException.Invalid($"A bowl takes at most {MaxFlavors} flavors.");
        if (flavors.Distinct(StringComparer.OrdinalIgnoreCase).Count() != flavors.Count)
            throw DomainException.Invalid("Each flavor can be picked only once.");
        var customerId = string.IsNullOrWhiteSpace(c.CustomerId) ? null : c.CustomerId.Trim();
        return new SessionStarted(c.SessionId, c.LocationId, table, flavors, customerId, c.At);
    }

    private static FlavorAdded AddFlavorTo(HookahSession session, AddFlavor c)
    {
        var flavor = Flavor(c.Flavor);
        if (session.Flavors.Contains(flavor, StringComparer.OrdinalIgnoreCase))
            throw DomainException.Conflict($"{flavor} is already in the bowl at table {session.Table}.");
        if (session.Flavors.Count >= MaxFlavors)
            throw DomainException.Conflict($"The bowl at table {session.Table} already has {MaxFlavors} flavors.");
        return new FlavorAdded(session.Id, flavor, c.Custom, c.At);
    }

    /// <summary>Trims and collapses spaces, so "  Double   Apple " and "Double Apple" count as one flavor.</summary>
    public static string Flavor(string? raw)
    {
        var flavor = string.Join(' ', (raw ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (flavor.Length == 0) throw DomainException.Invalid("A flavor name is required.");
        if (flavor.Length > MaxFlavorLength) throw DomainException.Invalid($"A flavor name is longer than {MaxFlavorLength} characters.");
        return flavor;
    }
}
