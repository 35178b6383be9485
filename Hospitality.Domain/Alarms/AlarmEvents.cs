namespace Hospitality.Domain.Alarms;

// An alarm (seed 002's Alarm) is one occurrence of a condition on a machine: one event stream per occurrence, whose id is
// derived from the tenant, machine, kind, subject and occurrence number (AlarmStreams). Two servers raising the same
// condition at once start the same stream: one wins, the other finds it open and counts a repeat. Never two alarms.

/// <summary>What went wrong.</summary>
public enum AlarmKind { DeviceOffline, TemperatureOutOfRange, LowStock, CommandFailed }

/// <summary>Where an alarm stands: open until staff acknowledge it, resolved by staff or when its condition clears.</summary>
public enum AlarmState { Open, Acknowledged, Resolved }

/// <param name="Subject">What on the machine: the bin's name for low stock, the command for a failed command, "" otherwise.</param>
/// <param name="DeviceVersion">The machine's version the condition was seen at (null when raised from outside, e.g. a command).</param>
public sealed record AlarmRaised(
    Guid AlarmId, Guid DeviceId, string DeviceName, string LocationId, AlarmKind Kind, string Subject, int Occurrence, string Message,
    long? DeviceVersion, DateTimeOffset At);

/// <summary>The condition of an open alarm was seen again: counted, never a new alarm.</summary>
public sealed record AlarmRepeated(Guid AlarmId, string Message, long? DeviceVersion, DateTimeOffset At);

public sealed record AlarmAcknowledged(Guid AlarmId, string By, DateTimeOffset At);

/// <summary>Staff resolved the alarm.</summary>
public sealed record AlarmResolved(Guid AlarmId, string By, DateTimeOffset At);

/// <summary>The condition went away (machine back online, bin refilled, temperature back in range): resolved by itself.</summary>
public sealed record AlarmCleared(Guid AlarmId, string Reason, long? DeviceVersion, DateTimeOffset At);
