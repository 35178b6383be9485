using System.Globalization;

namespace Hospitality.Domain.Dashboard;

/// <summary>
/// The days a dashboard's trends cover: <see cref="From"/> to <see cref="To"/>, both included, as the venues' local days
/// (<see cref="Tenancy.VenueCalendar"/>: each location counts its own day). At most <see cref="MaxDays"/> days, so a read is
/// bounded.
/// </summary>
public sealed record DashboardRange
{
    public const int MaxDays = 92;

    private DashboardRange(DateOnly from, DateOnly to) => (From, To) = (from, to);

    public DateOnly From { get; }
    public DateOnly To { get; }

    public int Days => To.DayNumber - From.DayNumber + 1;

    public bool Contains(DateOnly day) => day >= From && day <= To;

    public IEnumerable<DateOnly> EachDay() => Enumerable.Range(0, Days).Select(From.AddDays);

    /// <summary>
    /// The range of the dates given; left out, <paramref name="to"/> is <paramref name="today"/> and <paramref name="from"/>
    /// six days before <paramref name="to"/> (a week).
    /// </summary>
    /// <param name="today">Today at the venues (<see cref="Tenancy.VenueCalendar.Today"/>).</param>
    /// <exception cref="DomainException">Invalid when the range is reversed, longer than <see cref="MaxDays"/>, or starts after today.</exception>
    public static DashboardRange Of(DateOnly? from, DateOnly? to, DateOnly today)
    {
        var end = to ?? today;
        var start = from ?? end.AddDays(-6);
        if (end < start) throw DomainException.Invalid($"'to' ({Text(end)}) must be on or after 'from' ({Text(start)}).");
        var days = end.DayNumber - start.DayNumber + 1;
        if (days > MaxDays) throw DomainException.Invalid($"A dashboard covers at most {MaxDays} days; {Text(start)} to {Text(end)} is {days}.");
        if (start > today) throw DomainException.Invalid($"'from' ({Text(start)}) is in the future; today at the venues is {Text(today)}.");
        return new DashboardRange(start, end);
    }

    /// <summary>Reads the query string's <c>from</c> and <c>to</c> (ISO dates, <c>2026-03-01</c>, both included), as <see cref="Of"/>.</summary>
    public static DashboardRange Read(string? from, string? to, DateOnly today) => Of(Date(from, "from"), Date(to, "to"), today);

    /// <summary>A query string's date (<c>2026-03-01</c>), null when left out.</summary>
    /// <exception cref="DomainException">Invalid when it is not such a date, naming <paramref name="name"/>.</exception>
    public static DateOnly? Date(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw DomainException.Invalid($"'{name}' must be a date like 2026-03-01; it was '{value}'.");
    }

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
