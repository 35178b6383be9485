using Hospitality.Domain.Tenancy;

namespace Hospitality.Web.Dashboard;

/// <summary>
/// Whose days the dashboard's "today" and trends are, for the locations shown: the one line under its header, and the date
/// its ranges end on.
/// </summary>
public static class DashboardDays
{
    /// <summary>Today at the locations shown: the location's own date, or the latest of theirs.</summary>
    public static DateOnly Today(IReadOnlyList<Location> shown, DateTimeOffset now) => VenueCalendar.Of(shown).Today(now);

    public static string Rule(IReadOnlyList<Location> shown)
    {
        var unset = shown.Where(l => l.TimeZone is null).Select(l => l.Name).ToList();
        var rule = shown switch
        {
            [{ TimeZone: null } one] => $"Days are UTC days: {one.Name} has no time zone set.",
            [var one] => $"Days are {one.Name}'s local days ({one.TimeZone}).",
            _ when unset.Count == shown.Count => "Days are UTC days: no location has a time zone set.",
            _ when VenueCalendar.Of(shown).SharedZone is { } zone => $"Days are local days in {zone.Id}.",
            _ => "Today at each venue: every location counts its own local day, and the figures add those up.",
        };
        return shown.Count > 1 && unset.Count > 0 && unset.Count < shown.Count
            ? $"{rule} Without a time zone, counted in UTC: {string.Join(", ", unset)}."
            : rule;
    }
}
