namespace Hospitality.Domain.Alarms;

/// <summary>
/// An alarm as lists and screens show it, folded from its events and kept as a document by an inline projection.
/// <see cref="Condition"/> names the condition across occurrences; <see cref="Count"/> is how often it was seen while open.
/// </summary>
/// <param name="LastDeviceVersion">The newest machine version this alarm has judged: an older view of the machine changes nothing.</param>
/// <param name="ClearedBy">Why the alarm resolved by itself, or null when staff resolved it (or it is not resolved).</param>
public sealed record Alarm(
    Guid Id, string Condition, int Occurrence, Guid DeviceId, string DeviceName, string LocationId, AlarmKind Kind, string Subject,
    string Message, AlarmState State, int Count, long LastDeviceVersion, DateTimeOffset RaisedAt, DateTimeOffset LastSeenAt,
    string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, string? ResolvedBy, DateTimeOffset? ResolvedAt, string? ClearedBy, long Version)
{
    /// <summary>Kept in the document so lists can put unresolved alarms first and filter on it.</summary>
    public bool Resolved => State == AlarmState.Resolved;

    public static Alarm? Fold(Alarm? alarm, object e, long version) => (alarm, e) switch
    {
        (null, AlarmRaised r) => new Alarm(r.AlarmId, AlarmStreams.Condition(r.DeviceId, r.Kind, r.Subject), r.Occurrence, r.DeviceId, r.DeviceName,
            r.LocationId, r.Kind, r.Subject, r.Message, AlarmState.Open, 1, r.DeviceVersion ?? 0, r.At, r.At, null, null, null, null, null, version),
        (null, _) => null,
        (_, AlarmRepeated r) => alarm with
        {
            Message = r.Message, Count = alarm.Count + 1, LastDeviceVersion = Math.Max(alarm.LastDeviceVersion, r.DeviceVersion ?? 0),
            LastSeenAt = r.At > alarm.LastSeenAt ? r.At : alarm.LastSeenAt, Version = version,
        },
        (_, AlarmAcknowledged a) => alarm with { State = AlarmState.Acknowledged, AcknowledgedBy = a.By, AcknowledgedAt = a.At, Version = version },
        (_, AlarmResolved r) => alarm with { State = AlarmState.Resolved, ResolvedBy = r.By, ResolvedAt = r.At, Version = version },
        (_, AlarmCleared c) => alarm with
        {
            State = AlarmState.Resolved, ResolvedBy = "system", ResolvedAt = c.At, ClearedBy = c.Reason,
            LastDeviceVersion = Math.Max(alarm.LastDeviceVersion, c.DeviceVersion ?? 0), Version = version,
        },
        _ => alarm with { Version = version },
    };
}
