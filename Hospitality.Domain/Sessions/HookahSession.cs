namespace Hospitality.Domain.Sessions;

/// <summary>The write-side state of one session, folded from its events. No I/O, no setters.</summary>
public sealed record HookahSession(
    Guid Id, string LocationId, string Table, SessionStatus Status, CoalStatus Coal,
    IReadOnlyList<string> Flavors, string? CustomerId,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, int Refills, long Version)
{
    public static HookahSession Create(SessionStarted e) =>
        new(e.SessionId, e.LocationId, e.Table, SessionStatus.Active, CoalStatus.Fresh,
            e.Flavors, e.CustomerId, e.At, null, 0, 1);

    public HookahSession Apply(object @event) => (@event switch
    {
        RefillRequested => this with { Status = SessionStatus.NeedsRefill },
        RefillCompleted => this with { Status = SessionStatus.Active, Coal = CoalStatus.Fresh, Refills = Refills + 1 },
        CoalStatusUpdated e => this with { Coal = e.Status },
        FlavorAdded e => this with { Flavors = [.. Flavors, e.Flavor] },
        SessionEnded e => this with { Status = SessionStatus.Ended, EndedAt = e.At },
        _ => this,
    }) with { Version = Version + 1 };

    /// <summary>Folds a stream's events in order; null for an empty stream.</summary>
    public static HookahSession? Fold(HookahSession? state, object @event) => state is null
        ? @event is SessionStarted started ? Create(started) : null
        : state.Apply(@event);
}
