namespace Hospitality.Domain.Devices;

/// <summary>
/// A machine as decisions and screens see it, folded from its events and kept as a document by an inline projection.
/// <see cref="TokenHash"/> never leaves the server: answers use <see cref="DeviceView"/>.
/// </summary>
/// <param name="RecentSequences">The last sequence numbers heard in the current boot, to tell a duplicate from a late report.</param>
public sealed record Device(
    Guid Id, string LocationId, string Name, string Model, string SerialNumber, string? TokenHash, bool Online, DeviceState State,
    double? TemperatureC, Connectivity? Connectivity, string? Firmware, IReadOnlyList<BinLevel> Bins, long LastSequence,
    IReadOnlyList<long> RecentSequences, DateTimeOffset? LastReportedAt, DateTimeOffset? LastSeenAt, DateTimeOffset RegisteredAt, long Version)
{
    public const int RememberedSequences = 64, RememberedBoots = 16;

    /// <summary>The boot the machine last said it was in (null until it sends a boot id): its sequence counts within it.</summary>
    public string? BootId { get; init; }

    /// <summary>Boots the machine was in before <see cref="BootId"/>, newest first: a report from one of them is late.</summary>
    public IReadOnlyList<string> EarlierBoots { get; init; } = [];

    /// <summary>When the machine was last heard starting a new boot, or null.</summary>
    public DateTimeOffset? RestartedAt { get; init; }

    /// <summary>The bins a manager set up (capacity, threshold, material). Empty in documents stored before bins existed.</summary>
    public IReadOnlyList<DeviceBin> ConfiguredBins { get; init; } = [];

    /// <summary>The level the machine last reported for a bin, or null.</summary>
    public long? LevelOf(string bin) => Bins.FirstOrDefault(b => b.Bin == bin)?.Level;

    /// <summary>What a search matches: name, model and serial number, lower-case (kept in the document, so queries can use it).</summary>
    public string Search => $"{Name} {Model} {SerialNumber}".ToLowerInvariant();

    public static Device? Fold(Device? device, object e, long version) => (device, e) switch
    {
        (null, DeviceRegistered r) => new Device(r.DeviceId, r.LocationId, r.Name, r.Model, r.SerialNumber, r.TokenHash, false, DeviceState.Off,
            null, null, null, [], 0, [], null, null, r.At, version),
        (null, _) => null,
        (_, DeviceTokenChanged t) => device with { TokenHash = t.TokenHash, Version = version },
        (_, DeviceStatusReported { Late: true } s) => device with
        {
            // A late report from an earlier boot counted in another epoch: its sequence says nothing about this boot's.
            RecentSequences = s.BootId is null || s.BootId == device.BootId ? Remember(device.RecentSequences, s.Sequence) : device.RecentSequences,
            LastSeenAt = Max(device.LastSeenAt, s.ReceivedAt), Version = version,
        },
        (_, DeviceRestarted r) => device with
        {
            BootId = r.BootId, RestartedAt = r.At, LastSequence = 0, RecentSequences = [], Version = version,
            EarlierBoots = r.PreviousBootId is null ? device.EarlierBoots : [.. device.EarlierBoots.Prepend(r.PreviousBootId).Distinct().Take(RememberedBoots)],
        },
        (_, DeviceStatusReported s) => device with
        {
            State = s.State, TemperatureC = s.TemperatureC, Connectivity = s.Connectivity ?? device.Connectivity, Firmware = s.Firmware ?? device.Firmware,
            Bins = s.Bins.Count == 0 ? device.Bins : Merge(device.Bins, s.Bins), LastSequence = s.Sequence,
            RecentSequences = Remember(device.RecentSequences, s.Sequence), LastReportedAt = s.ReportedAt,
            LastSeenAt = Max(device.LastSeenAt, s.ReceivedAt), Online = true, BootId = s.BootId ?? device.BootId, Version = version,
        },
        (_, DeviceWentOffline) => device with { Online = false, Version = version },
        (_, DeviceBinConfigured b) => device with
        {
            ConfiguredBins = [.. device.ConfiguredBins.Where(k => k.Bin != b.Bin).Append(new DeviceBin(b.Bin, b.MaterialCode, b.Capacity, b.Threshold, version))
                .OrderBy(k => k.Bin, StringComparer.Ordinal)],
            Version = version,
        },
        (_, DeviceBinRemoved b) => device with { ConfiguredBins = [.. device.ConfiguredBins.Where(k => k.Bin != b.Bin)], Version = version },
        (_, DeviceCameOnline c) => device with { Online = true, LastSeenAt = Max(device.LastSeenAt, c.At), Version = version },
        _ => device with { Version = version },
    };

    private static IReadOnlyList<long> Remember(IReadOnlyList<long> recent, long sequence) =>
        [.. recent.Append(sequence).OrderDescending().Distinct().Take(RememberedSequences)];

    private static IReadOnlyList<BinLevel> Merge(IReadOnlyList<BinLevel> known, IReadOnlyList<BinLevel> reported) =>
        [.. known.Where(k => reported.All(r => r.Bin != k.Bin)).Concat(reported).OrderBy(b => b.Bin, StringComparer.Ordinal)];

    private static DateTimeOffset Max(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;
}

/// <summary>A machine as answers and screens show it (no token hash).</summary>
public sealed record DeviceView(
    Guid Id, string LocationId, string Name, string Model, string SerialNumber, bool Online, DeviceState State, double? TemperatureC,
    Connectivity? Connectivity, string? Firmware, IReadOnlyList<BinLevel> Bins, long LastSequence, DateTimeOffset? LastReportedAt,
    DateTimeOffset? LastSeenAt, DateTimeOffset RegisteredAt, bool TokenActive, long Version)
{
    /// <summary>The configured bins with their reported levels (<see cref="Bins"/> keeps every level the machine reports).</summary>
    public IReadOnlyList<DeviceBinStock> Stock { get; init; } = [];

    /// <summary>The machine's current boot, when it sends one.</summary>
    public string? BootId { get; init; }

    /// <summary>When the machine last started a new boot (its sequence counting again), or null.</summary>
    public DateTimeOffset? RestartedAt { get; init; }

    public static DeviceView Of(Device d) => new(d.Id, d.LocationId, d.Name, d.Model, d.SerialNumber, d.Online, d.State, d.TemperatureC,
        d.Connectivity, d.Firmware, d.Bins, d.LastSequence, d.LastReportedAt, d.LastSeenAt, d.RegisteredAt, d.TokenHash is not null, d.Version)
    {
        Stock = DeviceBinStock.Of(d), BootId = d.BootId, RestartedAt = d.RestartedAt,
    };
}
