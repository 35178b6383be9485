using System.Text.RegularExpressions;

namespace Hospitality.Domain.Devices;

/// <summary>
/// A bin as a manager set it up (seed 002's DeviceBin). <paramref name="Version"/> is the machine's version when the bin
/// was last configured: an editor's expected version is checked against it, not against the machine's, so a machine
/// reporting every 30 seconds does not make every edit stale.
/// </summary>
public sealed record DeviceBin(string Bin, string MaterialCode, long Capacity, long Threshold, long Version)
{
    /// <summary>Running low: the reported level is under the threshold (a threshold of 0 never runs low).</summary>
    public bool IsLow(long? level) => level is { } l && l < Threshold;
}

/// <summary>A configured bin with the level the machine last reported (null: not reported yet), as screens show it.</summary>
public sealed record DeviceBinStock(string Bin, string MaterialCode, long Capacity, long Threshold, long? Level, long Version)
{
    public bool Low => Level is { } l && l < Threshold;

    /// <summary>How full, 0 to 100, for a fill bar.</summary>
    public int FillPercent => Level is { } l && Capacity > 0 ? (int)Math.Clamp(l * 100 / Capacity, 0, 100) : 0;

    public static IReadOnlyList<DeviceBinStock> Of(Device device) =>
        [.. device.ConfiguredBins.Select(b => new DeviceBinStock(b.Bin, b.MaterialCode, b.Capacity, b.Threshold, device.LevelOf(b.Bin), b.Version))];
}

/// <param name="ExpectedVersion">The bin's version the editor saw (0: a new bin); null to skip the check.</param>
public sealed record ConfigureBin(string? Bin, string? MaterialCode, long Capacity, long Threshold, long? ExpectedVersion, string By, DateTimeOffset At)
    : DeviceCommand(At);

public sealed record RemoveBin(string? Bin, long? ExpectedVersion, string By, DateTimeOffset At) : DeviceCommand(At);

/// <summary>Pure decisions about a machine's bins.</summary>
public static partial class DeviceBinDecisions
{
    public const int MaxMaterialCodeLength = 40;

    public static object[] Configure(Device device, ConfigureBin c)
    {
        var name = BinName(c.Bin);
        var existing = device.ConfiguredBins.FirstOrDefault(b => b.Bin == name);
        Expect(existing, name, c.ExpectedVersion);
        var code = MaterialCode(c.MaterialCode);
        if (c.Capacity is < 1 or > DeviceDecisions.MaxBinLevel)
            throw DomainException.Invalid($"The capacity of bin '{name}' must be between 1 and {DeviceDecisions.MaxBinLevel}; it was {c.Capacity}.");
        if (c.Threshold < 0 || c.Threshold > c.Capacity)
            throw DomainException.Invalid($"The low-stock threshold of bin '{name}' must be between 0 and its capacity ({c.Capacity}); it was {c.Threshold}.");
        if (existing is null && device.ConfiguredBins.Count >= DeviceDecisions.MaxBins)
            throw DomainException.Invalid($"A machine has at most {DeviceDecisions.MaxBins} bins.");
        if (existing is not null && existing.MaterialCode == code && existing.Capacity == c.Capacity && existing.Threshold == c.Threshold) return [];
        return [new DeviceBinConfigured(device.Id, name, code, c.Capacity, c.Threshold, c.By, c.At)];
    }

    public static object[] Remove(Device device, RemoveBin r)
    {
        var name = BinName(r.Bin);
        var existing = device.ConfiguredBins.FirstOrDefault(b => b.Bin == name)
            ?? throw DomainException.NotFound($"{device.Name} has no bin '{name}' set up.");
        Expect(existing, name, r.ExpectedVersion);
        return [new DeviceBinRemoved(device.Id, name, r.By, r.At)];
    }

    /// <summary>
    /// The seam to the material dictionary (built elsewhere): for now a code is checked for shape only. Once materials
    /// exist, this is where a bin's code is looked up, so the check stays in one place.
    /// </summary>
    public static string MaterialCode(string? code)
    {
        var trimmed = code?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxMaterialCodeLength || !CodeShape().IsMatch(trimmed))
            throw DomainException.Invalid($"'material_code' must be 1 to {MaxMaterialCodeLength} letters, digits, '-', '_' or '.'; it was '{code}'.");
        return trimmed;
    }

    private static string BinName(string? bin)
    {
        var name = bin?.Trim() ?? "";
        if (name.Length is 0 or > DeviceDecisions.MaxBinNameLength)
            throw DomainException.Invalid($"A bin needs a name of 1 to {DeviceDecisions.MaxBinNameLength} characters, as the machine reports it.");
        return name;
    }

    private static void Expect(DeviceBin? existing, string name, long? expected)
    {
        var actual = existing?.Version ?? 0;
        if (expected is { } seen && seen != actual)
            throw DomainException.Conflict(existing is null
                ? $"Bin '{name}' was removed since you opened it. Reload and try again."
                : $"Bin '{name}' changed since you opened it (you had version {seen}, it is now at {actual}). Reload and try again.");
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex CodeShape();
}
