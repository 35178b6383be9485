using Hospitality.Domain.Devices;

namespace Hospitality.Domain.Alarms;

/// <summary>A brewing temperature range in °C, both ends allowed.</summary>
public sealed record TemperatureRange(double MinC, double MaxC)
{
    public bool Holds(double c) => c >= MinC && c <= MaxC;
}

/// <summary>
/// The thresholds alarms are judged by. The temperature range applies while a machine is idle or brewing (the boiler is
/// meant to be hot); cleaning, maintenance, error and off are expected to be outside it. Espresso machines hold their
/// brew water at about 90–94 °C, so the default allows 85–96 °C; a model that runs hotter or cooler gets its own range.
/// </summary>
public sealed class AlarmRules
{
    public TemperatureRange DefaultTemperature { get; init; } = new(85, 96);

    /// <summary>Ranges by model name, exactly as registered.</summary>
    public IReadOnlyDictionary<string, TemperatureRange> TemperatureByModel { get; init; } = new Dictionary<string, TemperatureRange>();

    public TemperatureRange TemperatureFor(string model) => TemperatureByModel.GetValueOrDefault(model) ?? DefaultTemperature;
}

/// <summary>
/// One alarm condition of a machine as its current state shows it: <paramref name="Holds"/> true (raise or count), false
/// (clear), or null when the state cannot tell (never heard from, no temperature or level reported, or offline for temperature).
/// </summary>
public sealed record AlarmCondition(AlarmKind Kind, string Subject, bool? Holds, string Message)
{
    /// <summary>This condition as seen on <paramref name="device"/> at its current version.</summary>
    public SeeCondition SeenOn(string tenantId, Device device, DateTimeOffset at) =>
        new(new AlarmSource(tenantId, device.Id, device.Name, device.LocationId), Kind, Subject, Message, device.Version, at);
}

/// <summary>
/// What a machine's state says about its alarms: the conditions that hold, each with its unresolved alarm when it has one
/// (null: none open), and the unresolved alarms whose condition no longer holds or is gone (a bin no longer set up).
/// </summary>
public sealed record AlarmVerdict(IReadOnlyList<(AlarmCondition Condition, Alarm? Open)> Holding, IReadOnlyList<Alarm> Cleared);

/// <summary>Reads a machine's alarm conditions from its state. Pure: the same machine always gives the same conditions.</summary>
public static class AlarmConditions
{
    /// <summary>
    /// Judges a machine's state against its unresolved alarms (others' are ignored). A condition the state cannot tell
    /// changes nothing, and an alarm only staff resolve (a failed command) is never cleared.
    /// </summary>
    public static AlarmVerdict Judge(Device device, AlarmRules rules, IEnumerable<Alarm> unresolved)
    {
        var conditions = Of(device, rules);
        var open = unresolved.Where(a => a.DeviceId == device.Id && !a.Resolved && AlarmDecisions.ClearsItself(a.Kind)).ToList();
        return new AlarmVerdict(
            [.. conditions.Where(c => c.Holds == true).Select(c => (c, open.FirstOrDefault(a => a.Kind == c.Kind && a.Subject == c.Subject)))],
            [.. open.Where(a => conditions.FirstOrDefault(c => c.Kind == a.Kind && c.Subject == a.Subject) is not { } c || c.Holds == false)]);
    }

    public static IReadOnlyList<AlarmCondition> Of(Device device, AlarmRules rules)
    {
        var conditions = new List<AlarmCondition>
        {
            // A machine never heard from is not installed yet rather than offline.
            new(AlarmKind.DeviceOffline, "", device.LastSeenAt is null ? null : !device.Online,
                $"{device.Name} is offline: nothing heard since {device.LastSeenAt?.ToString("u") ?? "registration"}."),
            Temperature(device, rules.TemperatureFor(device.Model)),
        };
        foreach (var bin in device.ConfiguredBins)
        {
            var level = device.LevelOf(bin.Bin);
            conditions.Add(new AlarmCondition(AlarmKind.LowStock, bin.Bin, level is null ? null : bin.IsLow(level),
                $"{device.Name}: bin '{bin.Bin}' ({bin.MaterialCode}) is at {level} of {bin.Capacity}, under its threshold of {bin.Threshold}."));
        }
        return conditions;
    }

    private static AlarmCondition Temperature(Device device, TemperatureRange range)
    {
        var hot = device.State is DeviceState.Idle or DeviceState.Brewing;
        bool? holds = !device.Online || device.TemperatureC is null ? null : hot && !range.Holds(device.TemperatureC.Value);
        return new AlarmCondition(AlarmKind.TemperatureOutOfRange, "", holds,
            $"{device.Name} is at {device.TemperatureC:0.#} °C while {device.State.ToString().ToLowerInvariant()}, outside {range.MinC:0.#}–{range.MaxC:0.#} °C.");
    }

    /// <summary>Why a condition that held no longer does, for the record.</summary>
    public static string ClearedBecause(AlarmKind kind) => kind switch
    {
        AlarmKind.DeviceOffline => "The machine is back online.",
        AlarmKind.TemperatureOutOfRange => "The temperature is back in range (or the machine left idle and brewing).",
        AlarmKind.LowStock => "The bin was refilled above its threshold (or is no longer set up).",
        _ => "The condition cleared.",
    };
}
