using Hospitality.Domain.Alarms;
using Hospitality.Domain.Billing;

namespace Hospitality.Domain.Dashboard;

/// <summary>The parts of a <see cref="DashboardSummary"/>, so a live page reads again only what a change touched.</summary>
[Flags]
public enum DashboardParts
{
    None = 0,
    /// <summary>Active lounge sessions and sessions started per day.</summary>
    Sessions = 1,
    /// <summary>Open group-order rooms.</summary>
    Rooms = 2,
    /// <summary>Restaurant orders and machine sales: today and per day, revenue per currency.</summary>
    Sales = 4,
    /// <summary>Machines online and low-stock bins.</summary>
    Fleet = 8,
    /// <summary>Unresolved alarms by kind.</summary>
    Alarms = 16,
    All = Sessions | Rooms | Sales | Fleet | Alarms,
}

/// <summary>
/// Seed 002's dashboard summary: the business now and per day over <see cref="From"/>..<see cref="To"/>, in the venues' local
/// days. A part that was not asked for is null.
/// </summary>
/// <param name="Today">
/// Today at the venues at <see cref="At"/>: the location's local date, or for locations in different zones the latest of
/// their dates. "Today" figures are each venue's own today, summed.
/// </param>
/// <param name="LocationId">The one location the figures are of, or null for every location the caller reaches.</param>
/// <param name="TimeZone">
/// The IANA zone every day here is in (UTC for locations without one), or null when the locations are in different zones and
/// each counts its own local day.
/// </param>
public sealed record DashboardSummary(
    DateOnly From, DateOnly To, DateOnly Today, string? LocationId, DateTimeOffset At,
    SessionKpis? Sessions, RoomKpis? Rooms, SalesKpis? Sales, FleetKpis? Fleet, AlarmKpis? Alarms, string? TimeZone);

/// <param name="Capped">More sessions started in the range than were read (<see cref="DashboardSummaryHandler.MaxSessions"/>): the trend is low.</param>
public sealed record SessionKpis(int Active, IReadOnlyList<DayCount> StartedPerDay, bool Capped);

public sealed record DayCount(DateOnly Day, int Count);

/// <summary>Group-order rooms not yet finalized.</summary>
public sealed record RoomKpis(int Open);

/// <param name="Capped">More orders or sales in the range than were read (<see cref="DashboardSummaryHandler.MaxSalesRead"/>): figures are low.</param>
public sealed record SalesKpis(SalesDay Today, IReadOnlyList<SalesDay> PerDay, bool Capped);

/// <summary>
/// One day of business (each venue's local day). <see cref="Orders"/> are restaurant orders placed that day and not cancelled
/// (<see cref="CancelledOrders"/> apart); <see cref="MachineSales"/> are machine sales paid that day, refunded ones included
/// (<see cref="RefundedSales"/> of them had money given back). <see cref="Revenue"/> has one entry per currency, never summed across.
/// </summary>
public sealed record SalesDay(DateOnly Day, int Orders, int CancelledOrders, int MachineSales, int RefundedSales, IReadOnlyList<CurrencyRevenue> Revenue)
{
    public static SalesDay Empty(DateOnly day) => new(day, 0, 0, 0, 0, []);
}

/// <summary>
/// Revenue in one currency, as text in major units (<c>"12.50"</c>) and in minor units. <see cref="Total"/> is
/// <see cref="Orders"/> (restaurant order totals as billed: lines, service charge, tax, tip) plus <see cref="Machine"/> (machine
/// sales net of refunds); <see cref="Refunded"/> is what was given back on those machine sales, already taken off.
/// </summary>
public sealed record CurrencyRevenue(
    string Currency, string Total, string Orders, string Machine, string Refunded, long TotalMinor, long OrdersMinor, long MachineMinor, long RefundedMinor)
{
    public static CurrencyRevenue Of(string currency, long ordersMinor, long machineMinor, long refundedMinor)
    {
        var c = Billing.Currency.Of(currency);
        var total = new Money(ordersMinor, c) + new Money(machineMinor, c);
        return new CurrencyRevenue(currency, total.Amount(), new Money(ordersMinor, c).Amount(), new Money(machineMinor, c).Amount(),
            new Money(refundedMinor, c).Amount(), total.Minor, ordersMinor, machineMinor, refundedMinor);
    }
}

/// <param name="OnlinePercent">Whole percent of machines online, rounded down; null without machines.</param>
public sealed record FleetKpis(int Machines, int Online, int? OnlinePercent, int LowStockBins)
{
    public static FleetKpis Of(int machines, int online, int lowStockBins) =>
        new(machines, online, machines == 0 ? null : online * 100 / machines, lowStockBins);
}

/// <summary>Alarms not resolved (open or acknowledged), with a count for every kind (zero included).</summary>
public sealed record AlarmKpis(int Open, IReadOnlyList<AlarmKindCount> ByKind);

public sealed record AlarmKindCount(AlarmKind Kind, int Open);
