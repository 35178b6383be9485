namespace Hospitality.Domain.Sessions;

/// <summary>
/// The live board's read model: one card per session, kept by <see cref="SessionCardProjection"/> in the same
/// transaction as the session's events. <see cref="Version"/> is the session stream's version, so a screen
/// that missed a change sees the gap.
/// </summary>
public sealed record SessionCard(
    Guid Id, string LocationId, string Table, SessionStatus Status, CoalStatus Coal,
    IReadOnlyList<string> Flavors, string? CustomerId, string? CustomerName,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, DateTimeOffset LastChangedAt,
    int Refills, long Version, IReadOnlyList<TimelineEntry> Timeline, Customers.LoyaltyTier? CustomerTier = null)
{
    /// <summary>What the card shows at its top right when no customer profile is assigned (seed 000).</summary>
    public const string StaffCustomer = "Staff Customer";

    public string DisplayName => CustomerName ?? StaffCustomer;

    public bool IsLive => Status != SessionStatus.Ended;

    /// <summary>How long the session has run at <paramref name="now"/> (or ran, once ended).</summary>
    public TimeSpan Elapsed(DateTimeOffset now) => (EndedAt ?? now) - StartedAt;

    /// <summary>The mix as one key, order-insensitive: "Double Apple + Mint".</summary>
    public static string MixKey(IEnumerable<string> flavors) =>
        string.Join(" + ", flavors.Order(StringComparer.OrdinalIgnoreCase));
}

/// <summary>One line of a card's timeline: what happened, when, and who did it.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string What, string? By);
