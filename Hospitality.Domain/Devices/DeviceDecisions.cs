namespace Hospitality.Domain.Devices;

public abstract record DeviceCommand(DateTimeOffset At);

/// <param name="TokenHash">The hash of a fresh token's secret; the secret itself never reaches a decision.</param>
public sealed record RegisterDevice(Guid DeviceId, string LocationId, string? Name, string? Model, string? SerialNumber, string TokenHash, string By, DateTimeOffset At)
    : DeviceCommand(At);

/// <param name="ReportedAt">The machine's own clock, shown as is; being online is judged by the server's <paramref name="At"/>.</param>
/// <param name="BootId">The machine's current boot, if it says: a new one starts its sequence again.</param>
public sealed record ReportStatus(long Sequence, DeviceState State, double? TemperatureC, Connectivity? Connectivity, string? Firmware,
    IReadOnlyList<BinLevel> Bins, DateTimeOffset ReportedAt, DateTimeOffset At, string? BootId = null) : DeviceCommand(At);

/// <summary>The heartbeat check: offline when nothing was heard for <paramref name="After"/>.</summary>
public sealed record CheckHeartbeat(TimeSpan After, DateTimeOffset At) : DeviceCommand(At);

/// <param name="TokenHash">A new token's hash, or null to revoke the machine's token.</param>
public sealed record ChangeDeviceToken(string? TokenHash, string By, DateTimeOffset At) : DeviceCommand(At);

/// <summary>What became of a status report: <see cref="Restarted"/> is applied as the first report of a new boot.</summary>
public enum ReportOutcome { Applied, Late, Duplicate, Restarted }

/// <summary>Pure decisions about machines, refusing in sentences an operator (or a firmware developer) can read.</summary>
public static class DeviceDecisions
{
    public const int MaxNameLength = 60, MaxModelLength = 40, MaxSerialLength = 64, MaxFirmwareLength = 40, MaxBins = 16, MaxBinNameLength = 32,
        MaxBootIdLength = 64;
    public const long MaxBinLevel = 1_000_000_000;
    public const double MinTemperature = -40, MaxTemperature = 200;

    public static object[] Decide(Device? device, DeviceCommand command)
    {
        if (command is RegisterDevice r)
        {
            if (device is not null) throw DomainException.Conflict("That machine is registered already.");
            var name = Text(r.Name, "name", MaxNameLength);
            var model = Text(r.Model, "model", MaxModelLength);
            var serial = Text(r.SerialNumber, "serial number", MaxSerialLength);
            return [new DeviceRegistered(r.DeviceId, r.LocationId, name, model, serial, r.TokenHash, r.By, r.At)];
        }

        if (device is null) throw DomainException.NotFound("No such machine.");
        return command switch
        {
            ReportStatus s => Report(device, s).Events,
            CheckHeartbeat h when device.Online && (device.LastSeenAt ?? device.RegisteredAt) < h.At - h.After =>
                [new DeviceWentOffline(device.Id, device.LastSeenAt ?? device.RegisteredAt, h.At)],
            CheckHeartbeat => [],
            ChangeDeviceToken t when t.TokenHash is null && device.TokenHash is null => [],
            ChangeDeviceToken t => [new DeviceTokenChanged(device.Id, t.TokenHash, t.By, t.At)],
            ConfigureBin b => DeviceBinDecisions.Configure(device, b),
            RemoveBin b => DeviceBinDecisions.Remove(device, b),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown device command."),
        };
    }

    /// <summary>
    /// A report with a sequence number heard before is a duplicate and changes nothing; one older than the newest is kept
    /// as late, for history, without overwriting the newer state; any report from an offline machine brings it back online.
    /// Sequences count within a boot: a report from a boot never heard before is current whatever its sequence (the machine
    /// restarted, recorded as <see cref="DeviceRestarted"/>), and one from an earlier boot is late. Without a boot id, a
    /// report is judged by its sequence alone, as before boot ids existed.
    /// </summary>
    public static (ReportOutcome Outcome, object[] Events) Report(Device device, ReportStatus s)
    {
        if (s.Sequence < 1) throw DomainException.Invalid($"'sequence' must be a positive counter; it was {s.Sequence}.");
        if (s.TemperatureC is { } t && (double.IsNaN(t) || t < MinTemperature || t > MaxTemperature))
            throw DomainException.Invalid($"'temperature' must be between {MinTemperature} and {MaxTemperature} °C; it was {t}.");
        if (s.Firmware?.Length > MaxFirmwareLength) throw DomainException.Invalid($"'firmware' can be at most {MaxFirmwareLength} characters.");
        if (s.Bins.Count > MaxBins) throw DomainException.Invalid($"A report names at most {MaxBins} bins.");
        foreach (var bin in s.Bins)
        {
            if (string.IsNullOrWhiteSpace(bin.Bin) || bin.Bin.Length > MaxBinNameLength)
                throw DomainException.Invalid($"Each bin needs a name of 1 to {MaxBinNameLength} characters.");
            if (bin.Level is < 0 or > MaxBinLevel) throw DomainException.Invalid($"The level of bin '{bin.Bin}' must be between 0 and {MaxBinLevel}; it was {bin.Level}.");
        }
        if (s.Bins.Select(b => b.Bin).Distinct().Count() != s.Bins.Count) throw DomainException.Invalid("A report names each bin once.");
        if (s.BootId is { } boot && (boot.Length is 0 or > MaxBootIdLength || boot.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
            throw DomainException.Invalid($"'bootId' must be 1 to {MaxBootIdLength} characters without spaces; leave it out if the machine has none.");

        object[] back = device.Online ? [] : [new DeviceCameOnline(device.Id, s.At)];
        DeviceStatusReported Reported(bool late) => new(device.Id, s.Sequence, s.State, s.TemperatureC, s.Connectivity, s.Firmware?.Trim(), s.Bins,
            s.ReportedAt, s.At, late, s.BootId);

        if (s.BootId is { } other && other != device.BootId)
        {
            if (device.EarlierBoots.Contains(other)) return (ReportOutcome.Late, [.. back, Reported(late: true)]);
            // A machine's first boot id, on its first report, is just where it starts; any other new boot is a restart.
            if (device.LastReportedAt is null) return (ReportOutcome.Applied, [.. back, Reported(late: false)]);
            return (ReportOutcome.Restarted,
                [.. back, new DeviceRestarted(device.Id, device.BootId, other, s.Sequence, device.LastSequence, s.At), Reported(late: false)]);
        }

        if (device.RecentSequences.Contains(s.Sequence)) return (ReportOutcome.Duplicate, []);
        var late = s.Sequence < device.LastSequence;
        return (late ? ReportOutcome.Late : ReportOutcome.Applied, [.. back, Reported(late)]);
    }

    private static string Text(string? value, string field, int max)
    {
        var text = string.Join(' ', (value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (text.Length == 0) throw DomainException.Invalid($"A machine needs its {field}.");
        if (text.Length > max) throw DomainException.Invalid($"A machine's {field} can be at most {max} characters.");
        return text;
    }
}
