namespace Hospitality.Hubs.Alarms;

/// <summary>Where alarm changes are pushed: the machine groups of <c>/hubs/devices</c>, and a tenant-qualified live-feed topic.</summary>
public static class AlarmTopics
{
    public const string AlarmChanged = "AlarmChanged";

    /// <summary>The live-feed topic of a tenant's alarms, for Blazor pages.</summary>
    public static string Feed(string tenantId) => $"tenant/{tenantId}/alarms";

    public const string FeedKind = "alarm";
}
