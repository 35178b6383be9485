namespace Hospitality.Domain.OperationLog;

/// <summary>
/// One operation in the log (seed 002's OperationLog): who did what, when, to what. Built from the event history by an
/// asynchronous projection, so it costs commands nothing and can be rebuilt from the events at any time. Entries name
/// people by their display name and guests only by id (erasing a guest leaves nothing personal here).
/// </summary>
/// <param name="Id">The event's id: the same event never makes two entries.</param>
/// <param name="Action">What happened, in snake_case (<c>device_registered</c>, <c>command_failed</c>, ...).</param>
/// <param name="Area">The feature: machines, commands, alarms, materials, recipes, sales, menus, circles, orders.</param>
/// <param name="LocationId">Where it happened, or null for the business as a whole.</param>
public sealed record OperationLogEntry(
    string Id, DateTimeOffset At, string Who, string Area, string Action, string Summary, Guid StreamId, string? LocationId, long Sequence)
{
    /// <summary>What a search matches, lower-case: who, what and the summary.</summary>
    public string Search => $"{Who} {Action.Replace('_', ' ')} {Summary}".ToLowerInvariant();
}
