namespace Hospitality.Domain.Devices;

// A coffee machine (seed 002's Device): one event stream per device. Status reports are events too, so the history of
// what a machine said, and when it went offline, is there for the operation log and for trends.

/// <summary>What a machine is doing, as it reports it.</summary>
public enum DeviceState { Idle, Brewing, Cleaning, Maintenance, Error, Off }

/// <summary>How the machine is connected.</summary>
public enum Connectivity { Wifi, Ethernet, Cellular }

/// <summary>A bin's fill level as reported: <paramref name="Bin"/> is the bin's name on the machine (e.g. "beans", "milk").</summary>
public sealed record BinLevel(string Bin, long Level);

/// <summary>A manager registered a machine at a location; <paramref name="TokenHash"/> is the SHA-256 of its token's secret.</summary>
public sealed record DeviceRegistered(
    Guid DeviceId, string LocationId, string Name, string Model, string SerialNumber, string TokenHash, string RegisteredBy, DateTimeOffset At);

/// <summary>The machine's token was replaced (the old one stops working) or revoked (<paramref name="TokenHash"/> null).</summary>
public sealed record DeviceTokenChanged(Guid DeviceId, string? TokenHash, string ChangedBy, DateTimeOffset At);

/// <summary>
/// A status report. <paramref name="Sequence"/> is the machine's own counter; <paramref name="Late"/> marks a report that
/// arrived after a newer one: kept for history, never allowed to overwrite the newer state. <paramref name="BootId"/> is
/// the boot the machine said it was in (null when it did not say): its counter counts within that boot.
/// </summary>
public sealed record DeviceStatusReported(
    Guid DeviceId, long Sequence, DeviceState State, double? TemperatureC, Connectivity? Connectivity, string? Firmware,
    IReadOnlyList<BinLevel> Bins, DateTimeOffset ReportedAt, DateTimeOffset ReceivedAt, bool Late = false, string? BootId = null);

/// <summary>
/// The machine reported from a boot never heard before (reflashed, reset, crashed and came back): its sequence counts
/// again from <paramref name="Sequence"/>, the first heard of boot <paramref name="BootId"/>, where the boot before
/// (<paramref name="PreviousBootId"/>, null when the machine sent no boot id then) had reached <paramref name="PreviousSequence"/>.
/// </summary>
public sealed record DeviceRestarted(Guid DeviceId, string? PreviousBootId, string BootId, long Sequence, long PreviousSequence, DateTimeOffset At);

/// <summary>The machine missed its heartbeats: nothing heard since <paramref name="LastSeenAt"/>.</summary>
public sealed record DeviceWentOffline(Guid DeviceId, DateTimeOffset LastSeenAt, DateTimeOffset At);

/// <summary>An offline machine was heard from again.</summary>
public sealed record DeviceCameOnline(Guid DeviceId, DateTimeOffset At);

/// <summary>
/// A manager set up a bin: what the machine calls it (<paramref name="Bin"/>), the material in it (by the material
/// dictionary's code), how much it holds and the level under which it counts as running low, in the material's units.
/// </summary>
public sealed record DeviceBinConfigured(
    Guid DeviceId, string Bin, string MaterialCode, long Capacity, long Threshold, string ConfiguredBy, DateTimeOffset At);

/// <summary>A manager removed a bin's set-up; the machine's reported level (if any) stays, unmonitored.</summary>
public sealed record DeviceBinRemoved(Guid DeviceId, string Bin, string RemovedBy, DateTimeOffset At);
