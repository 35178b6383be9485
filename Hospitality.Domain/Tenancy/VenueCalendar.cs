namespace Hospitality.Domain.Tenancy;

/// <summary>
/// The local days of a set of locations ("today at each venue"): whatever happens at a location falls on that location's
/// own local day (<see cref="VenueDay"/>), so figures of locations in different zones add up day by day, each venue's
/// today with the others' todays. A location it does not know (or one without a zone) counts in UTC.
/// </summary>
public sealed class VenueCalendar
{
    private readonly IReadOnlyDictionary<string, TimeZoneInfo> _zones;

    private VenueCalendar(IReadOnlyDictionary<string, TimeZoneInfo> zones) => _zones = zones;

    public static VenueCalendar Of(IEnumerable<Location> locations) => new(locations.ToDictionary(l => l.Id, l => l.DayZone()));

    /// <summary>
    /// The one zone every location's days are in (UTC when there are none), or null when they are in different zones and
    /// each counts its own day.
    /// </summary>
    public TimeZoneInfo? SharedZone => Zones.DistinctBy(z => z.Id).Take(2).ToList() is [var only] ? only : null;

    private IEnumerable<TimeZoneInfo> Zones => _zones.Count == 0 ? [TimeZoneInfo.Utc] : _zones.Values;

    public TimeZoneInfo ZoneOf(string locationId) => _zones.GetValueOrDefault(locationId) ?? TimeZoneInfo.Utc;

    /// <summary>The local date at the location of <paramref name="instant"/>.</summary>
    public DateOnly DayOf(string locationId, DateTimeOffset instant) => VenueDay.DateOf(ZoneOf(locationId), instant);

    /// <summary>The latest of the locations' local dates at <paramref name="now"/>: no day after it has begun anywhere.</summary>
    public DateOnly Today(DateTimeOffset now) => Zones.Max(z => VenueDay.DateOf(z, now));

    /// <summary>Whether <paramref name="instant"/> falls on the location's today at <paramref name="now"/>.</summary>
    public bool IsToday(string locationId, DateTimeOffset instant, DateTimeOffset now) => DayOf(locationId, instant) == DayOf(locationId, now);

    /// <summary>
    /// Every instant that falls on a day from <paramref name="from"/> to <paramref name="to"/> (both included) at one of the
    /// locations: from the earliest start of <paramref name="from"/> to the latest end of <paramref name="to"/>. What a read
    /// of that window finds is sorted into days with <see cref="DayOf"/>; the rest of the window is on other days.
    /// </summary>
    public (DateTimeOffset Start, DateTimeOffset End) Span(DateOnly from, DateOnly to) =>
        (Zones.Min(z => VenueDay.StartOf(z, from)), Zones.Max(z => VenueDay.StartOf(z, to.AddDays(1))));

    /// <summary>Every instant that is today at one of the locations at <paramref name="now"/>, up to the latest end of a today.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) TodaySpan(DateTimeOffset now) =>
        (Zones.Min(z => VenueDay.StartOf(z, VenueDay.DateOf(z, now))), Zones.Max(z => VenueDay.Interval(z, VenueDay.DateOf(z, now)).End));
}
