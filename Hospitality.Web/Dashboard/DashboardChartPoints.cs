using System.Globalization;
using Hospitality.Domain.Billing;
using Hospitality.Domain.Dashboard;

namespace Hospitality.Web.Dashboard;

/// <summary>One day of the trend charts: counts, with the day as the axis label ("Mar 10").</summary>
public sealed record DayPoint(string Day, int Orders, int MachineSales, int Sessions)
{
    public static IReadOnlyList<DayPoint> Of(DashboardSummary summary)
    {
        var sessions = summary.Sessions?.StartedPerDay.ToDictionary(d => d.Day, d => d.Count) ?? [];
        var sales = summary.Sales?.PerDay.ToDictionary(d => d.Day) ?? [];
        return [.. Days(summary).Select(day => new DayPoint(Label(day), sales.GetValueOrDefault(day)?.Orders ?? 0,
            sales.GetValueOrDefault(day)?.MachineSales ?? 0, sessions.GetValueOrDefault(day)))];
    }

    internal static IEnumerable<DateOnly> Days(DashboardSummary s) => Enumerable.Range(0, s.To.DayNumber - s.From.DayNumber + 1).Select(s.From.AddDays);

    internal static string Label(DateOnly day) => day.ToString("MMM d", CultureInfo.InvariantCulture);
}

/// <summary>
/// One day of one currency's revenue chart, in major units for the axis. Each currency gets its own chart: amounts in
/// different currencies are never drawn on one scale, let alone added.
/// </summary>
public sealed record RevenuePoint(string Day, decimal Orders, decimal Machines)
{
    public static IReadOnlyList<(string Currency, IReadOnlyList<RevenuePoint> Points)> Of(DashboardSummary summary)
    {
        if (summary.Sales is not { } sales) return [];
        var currencies = sales.PerDay.SelectMany(d => d.Revenue).Select(r => r.Currency).Distinct().Order(StringComparer.Ordinal);
        return [.. currencies.Select(code =>
        {
            var unit = (decimal)Currency.Of(code).MinorPerMajor;
            IReadOnlyList<RevenuePoint> points = [.. sales.PerDay.Select(d => d.Revenue.FirstOrDefault(r => r.Currency == code) is { } r
                ? new RevenuePoint(DayPoint.Label(d.Day), r.OrdersMinor / unit, r.MachineMinor / unit)
                : new RevenuePoint(DayPoint.Label(d.Day), 0, 0))];
            return (code, points);
        })];
    }
}
