using System.Globalization;

namespace Hospitality.Domain.Dashboard;

/// <summary>
/// The days a dashboard's trends cover: <see cref="From"/> to <see cref="To"/>, both included, as UTC calendar days.
/// Days are UTC for every location (a lounge in Dubai sees its "today" start at 04:00 local time): one clock for the
/// whole business, so figures of different locations add up. At most <see cref="MaxDays"/> days, so a read is bounded.
/// </summary>
public sealed record DashboardRange
{
    public const int MaxDays = 92;

    private DashboardRange(DateOnly from, DateOnly to) => (From, To) = (from, to);

    public DateOnly From { get; }
    public DateOnly To { get; }

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The first instant of <see cref="From"/> (UTC).</summary>
    public DateTimeOffset Start => StartOf(From);

    /// <summary>The first instant after <see cref="To"/> (UTC): an exclusive end.</summary>
    public DateTimeOffset End => StartOf(To).AddDays(1);

    public bool Contains(DateOnly day) => day >= From && day <= To;

    public IEnumerable<DateOnly> EachDay() => Enumerable.Range(0, Days).Select(From.AddDays);

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The last <paramref name="days"/> days, today included.</summary>
    public static DashboardRange LastDays(int days, DateTimeOffset now) => Of(Today(now).AddDays(1 - days), Today(now), now);

    /// <exception cref="DomainException">Invalid when the range is reversed, longer than <see cref="MaxDays"/>, or starts after today.</exception>
    public static DashboardRange Of(DateOnly from, DateOnly to, DateTimeOffset now)
    {
        if (to < from) throw DomainException.Invalid($"'to' ({Text(to)}) must be on or after 'from' ({Text(from)}).");
        var days = to.DayNumber - from.DayNumber + 1;
        if (days > MaxDays) throw DomainException.Invalid($"A dashboard covers at most {MaxDays} days; {Text(from)} to {Text(to)} is {days}.");
        if (from > Today(now)) throw DomainException.Invalid($"'from' ({Text(from)}) is in the future; days are UTC, today is {Text(Today(now))}.");
        return new DashboardRange(from, to);
    }

    /// <summary>
    /// Reads the query string's <c>from</c> and <c>to</c> (ISO dates, <c>2026-03-01</c>, both included). Left out,
    /// <c>to</c> is today and <c>from</c> six days before <c>to</c> (a week).
    /// </summary>
    public static DashboardRange Read(string? from, string? to, DateTimeOffset now)
    {
        var end = Date(to, "to") ?? Today(now);
        var start = Date(from, "from") ?? end.AddDays(-6);
        return Of(start, end, now);
    }

    private static DateOnly? Date(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw DomainException.Invalid($"'{name}' must be a date like 2026-03-01; it was '{value}'.");
    }

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
