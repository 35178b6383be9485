using Hospitality.Domain.MachineOrders;
using Hospitality.Domain.Orders;

namespace Hospitality.Domain.Dashboard;

/// <summary>
/// Adds restaurant orders and machine sales up per day and per currency: pure, so the rules sit in one place. Which day a
/// sale falls on is the caller's: its location's local day (<see cref="Tenancy.VenueCalendar.DayOf"/>), or none to leave it out.
/// A restaurant order counts on the day it was placed unless cancelled; its total as billed is revenue. A machine sale counts
/// on the day the machine made it once money was taken (paid, partly or fully refunded; pending and failed sales are not
/// sales), net of every refund given on it so far, whenever that refund was given: a day's figure is what that day's sales
/// finally brought in.
/// </summary>
public static class SalesTally
{
    /// <param name="dayOf">The day a sale at a location (its id) at an instant falls on, or null for none of <paramref name="days"/>.</param>
    public static IReadOnlyList<SalesDay> PerDay(
        IEnumerable<DateOnly> days, IEnumerable<Order> orders, IEnumerable<MachineOrder> sales, Func<string, DateTimeOffset, DateOnly?> dayOf)
    {
        var byDay = days.ToDictionary(d => d, _ => new DayTotals());
        foreach (var order in orders)
            if (dayOf(order.LocationId, order.PlacedAt) is { } day && byDay.TryGetValue(day, out var totals)) totals.Add(order);
        foreach (var sale in sales)
            if (dayOf(sale.LocationId, sale.PlacedAt) is { } day && byDay.TryGetValue(day, out var totals)) totals.Add(sale);
        return [.. byDay.OrderBy(d => d.Key).Select(d => d.Value.ToDay(d.Key))];
    }

    public static bool TookMoney(MachineOrder sale) =>
        sale.PaymentStatus is PaymentStatus.Paid or PaymentStatus.PartiallyRefunded or PaymentStatus.Refunded;

    private sealed class DayTotals
    {
        private int _orders, _cancelled, _sales, _refunded;
        private readonly SortedDictionary<string, (long Orders, long Machine, long Refunded)> _money = new(StringComparer.Ordinal);

        public void Add(Order order)
        {
            if (order.Status == OrderStatus.Cancelled)
            {
                _cancelled++;
                return;
            }
            _orders++;
            var m = _money.GetValueOrDefault(order.Currency);
            _money[order.Currency] = (checked(m.Orders + order.TotalMinor), m.Machine, m.Refunded);
        }

        public void Add(MachineOrder sale)
        {
            if (!TookMoney(sale)) return;
            _sales++;
            if (sale.RefundedMinor > 0) _refunded++;
            var m = _money.GetValueOrDefault(sale.Currency);
            _money[sale.Currency] = (m.Orders, checked(m.Machine + sale.TotalMinor - sale.RefundedMinor), checked(m.Refunded + sale.RefundedMinor));
        }

        public SalesDay ToDay(DateOnly day) => new(day, _orders, _cancelled, _sales, _refunded,
            [.. _money.Select(m => CurrencyRevenue.Of(m.Key, m.Value.Orders, m.Value.Machine, m.Value.Refunded))]);
    }
}
