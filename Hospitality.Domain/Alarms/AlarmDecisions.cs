namespace Hospitality.Domain.Alarms;

/// <summary>What is known of the machine an alarm is about, when it is raised.</summary>
public sealed record AlarmSource(string TenantId, Guid DeviceId, string DeviceName, string LocationId);

/// <summary>A condition seen on a machine at <paramref name="DeviceVersion"/> (null: seen from outside, e.g. a failed command).</summary>
public sealed record SeeCondition(AlarmSource Source, AlarmKind Kind, string Subject, string Message, long? DeviceVersion, DateTimeOffset At);

/// <summary>
/// Pure decisions about alarms. The policy an operator can rely on: a condition raises one alarm; while that alarm is
/// open (acknowledged or not) the condition seen again only counts (an unchanged one at most once a minute); offline, temperature and low-stock alarms resolve
/// by themselves when their condition clears (recorded as resolved by "system", with the reason); a failed command is
/// an event in the past that nothing clears, so only staff resolve it. After resolution, the condition seen again
/// raises a new alarm (the next occurrence).
/// </summary>
public static class AlarmDecisions
{
    public const int MaxMessageLength = 300, MaxSubjectLength = 64;

    /// <summary>How often an unchanged condition seen on a machine is counted again while its alarm is open.</summary>
    public static readonly TimeSpan RepeatEvery = TimeSpan.FromMinutes(1);

    /// <summary>Clears by itself when its condition goes away.</summary>
    public static bool ClearsItself(AlarmKind kind) => kind != AlarmKind.CommandFailed;

    /// <param name="latest">The condition's latest occurrence, or null when it never raised an alarm.</param>
    public static object[] See(Alarm? latest, SeeCondition c)
    {
        if (string.IsNullOrWhiteSpace(c.Message) || c.Message.Length > MaxMessageLength)
            throw DomainException.Invalid($"An alarm needs a message of 1 to {MaxMessageLength} characters.");
        if (c.Subject.Length > MaxSubjectLength) throw DomainException.Invalid($"An alarm's subject can be at most {MaxSubjectLength} characters.");
        if (latest is null || latest.Resolved)
        {
            if (c.DeviceVersion is { } seen && latest is not null && seen <= latest.LastDeviceVersion) return [];   // an older view of the machine
            var occurrence = (latest?.Occurrence ?? 0) + 1;
            var id = AlarmStreams.Id(c.Source.TenantId, c.Source.DeviceId, c.Kind, c.Subject, occurrence);
            return [new AlarmRaised(id, c.Source.DeviceId, c.Source.DeviceName, c.Source.LocationId, c.Kind, c.Subject, occurrence, c.Message.Trim(), c.DeviceVersion, c.At)];
        }
        if (c.DeviceVersion is { } version && version <= latest.LastDeviceVersion) return [];   // this view of the machine was counted already
        // A machine reports every 30 s: the same condition, said the same way, is counted at most once a minute, so an alarm
        // left open for a day is not thousands of events and pushes. Anything new in what it says is recorded at once.
        if (c.DeviceVersion is not null && c.Message.Trim() == latest.Message && c.At - latest.LastSeenAt < RepeatEvery) return [];
        return [new AlarmRepeated(latest.Id, c.Message.Trim(), c.DeviceVersion, c.At)];
    }

    /// <summary>
    /// Raises the alarm a condition should have and has not, and never counts a repeat: for the sweep, which repairs what
    /// an after-commit watch lost, and for an effect that happens once (a command fails once). A condition seen from
    /// outside (no machine version) that had its alarm is done with, even once staff resolved it; a machine's condition
    /// whose alarm was resolved raises its next occurrence only when seen at a newer machine version, as <see cref="See"/> does.
    /// </summary>
    public static object[] EnsureRaised(Alarm? latest, SeeCondition c) =>
        latest is null || (latest.Resolved && c.DeviceVersion is not null) ? See(latest, c) : [];

    /// <summary>The condition is gone, as seen at <paramref name="deviceVersion"/>: an open alarm that clears itself resolves.</summary>
    public static object[] Clear(Alarm? latest, string reason, long deviceVersion, DateTimeOffset at) =>
        latest is null || latest.Resolved || !ClearsItself(latest.Kind) || deviceVersion <= latest.LastDeviceVersion
            ? []
            : [new AlarmCleared(latest.Id, reason, deviceVersion, at)];

    public static object[] Acknowledge(Alarm alarm, string by, DateTimeOffset at) => alarm.State switch
    {
        AlarmState.Open => [new AlarmAcknowledged(alarm.Id, by, at)],
        AlarmState.Acknowledged => [],
        _ => throw DomainException.Conflict("This alarm is resolved already; there is nothing to acknowledge."),
    };

    /// <summary>Resolving twice is no error: two people pressing at once both see it resolved.</summary>
    public static object[] Resolve(Alarm alarm, string by, DateTimeOffset at) =>
        alarm.Resolved ? [] : [new AlarmResolved(alarm.Id, by, at)];
}
