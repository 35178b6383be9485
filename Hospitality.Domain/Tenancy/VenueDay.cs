namespace Hospitality.Domain.Tenancy;

/// <summary>
/// A venue's calendar day in its own time zone: the local date of an instant, and the instants a local date covers.
/// Pure: the zone and the instant come in, so a test needs no clock. A day is not always 24 hours: the day clocks spring
/// forward has 23, the day they fall back 25, and where the jump is at midnight (Havana, Santiago) the day starts at the
/// first instant it has (01:00) or at the first of its two midnights.
/// </summary>
public static class VenueDay
{
    /// <summary>The longest zone id accepted: the IANA names are at most about 30 characters.</summary>
    public const int MaxZoneIdLength = 64;

    /// <summary>The local date at <paramref name="zone"/> of <paramref name="instant"/>.</summary>
    public static DateOnly DateOf(TimeZoneInfo zone, DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The instants of <paramref name="day"/> at <paramref name="zone"/>: [<c>Start</c>, <c>End</c>), in UTC.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Interval(TimeZoneInfo zone, DateOnly day) =>
        (StartOf(zone, day), StartOf(zone, day.AddDays(1)));

    /// <summary>The first instant of <paramref name="day"/> at <paramref name="zone"/>, in UTC.</summary>
    public static DateTimeOffset StartOf(TimeZoneInfo zone, DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        // Clocks sprang forward over midnight: the day starts where the gap ends. Gaps are whole minutes and at most a day long.
        for (var minutes = 0; zone.IsInvalidTime(local) && minutes < 24 * 60; minutes++) local = local.AddMinutes(1);
        // Clocks fell back over midnight: the day starts at its first midnight, the one with the larger offset.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>
    /// The IANA id of the zone <paramref name="id"/> names (a Windows id is accepted and given back as its IANA name), or
    /// a refusal naming what was given.
    /// </summary>
    /// <exception cref="DomainException">Invalid when blank, too long or not a time zone this server knows.</exception>
    public static string ReadZoneId(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) throw DomainException.Invalid("A time zone is required: an IANA name like America/New_York.");
        var trimmed = id.Trim();
        if (trimmed.Length <= MaxZoneIdLength && TimeZoneInfo.TryFindSystemTimeZoneById(trimmed, out var zone))
        {
            if (zone.HasIanaId) return zone.Id;
            if (TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana)) return iana;
        }
        throw DomainException.Invalid($"'{Shown(trimmed)}' is not a time zone: give an IANA name like America/New_York or Europe/London.");
    }

    /// <summary>The zone of a stored id, or null when there is none or this server does not know it.</summary>
    public static TimeZoneInfo? FindZone(string? id) =>
        id is { Length: > 0 and <= MaxZoneIdLength } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    private static string Shown(string id) => id.Length <= MaxZoneIdLength ? id : $"{id[..MaxZoneIdLength]}…";
}
