using System.Globalization;
using Hospitality.Domain.Common;
using Hospitality.EventStore;

namespace Hospitality.Domain.MachineOrders;

/// <summary>
/// Seed 002's order filters. <see cref="From"/> is inclusive and <see cref="To"/> exclusive, both on the time the machine
/// made the sale; <see cref="Status"/> is the payment status.
/// </summary>
public sealed record MachineOrderFilter(
    DateTimeOffset? From = null, DateTimeOffset? To = null, Guid? DeviceId = null, PaymentMethod? PaymentMethod = null,
    PaymentStatus? Status = null, string? LocationId = null)
{
    private static readonly string[] Times =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm",
    ];

    /// <summary>
    /// Reads the query string's filters, refusing a bad one with a sentence naming the parameter. Dates are ISO 8601:
    /// a date alone (<c>2026-03-01</c>) is that whole day in UTC, so <c>to=2026-03-01</c> includes the 1st; a time without
    /// an offset is UTC.
    /// </summary>
    public static MachineOrderFilter Read(string? from, string? to, string? deviceId, string? paymentMethod, string? status, string? locationId)
    {
        var start = Time(from, "from", endOfDay: false);
        var end = Time(to, "to", endOfDay: true);
        if (start is { } s && end is { } e && e <= s) throw DomainException.Invalid("'to' must be after 'from'.");
        Guid? device = null;
        if (!string.IsNullOrWhiteSpace(deviceId))
            device = Guid.TryParse(deviceId.Trim(), out var id) ? id : throw DomainException.Invalid($"'device_id' must be a machine's id (a UUID); it was '{deviceId}'.");
        return new MachineOrderFilter(start, end, device,
            string.IsNullOrWhiteSpace(paymentMethod) ? null : EnumNames.Parse<PaymentMethod>(paymentMethod.Trim(), "payment_method"),
            string.IsNullOrWhiteSpace(status) ? null : EnumNames.Parse<PaymentStatus>(status.Trim(), "status"),
            string.IsNullOrWhiteSpace(locationId) ? null : locationId.Trim());
    }

    /// <summary>The sales this filter keeps, of those the actor may see (a location-bound actor sees its location's only).</summary>
    public IDocumentQuery<MachineOrder> Apply(IDocumentQuery<MachineOrder> query, Actor actor)
    {
        if (actor.LocationId is { } own) query = query.Where(o => o.LocationId == own);
        if (LocationId is { } location) query = query.Where(o => o.LocationId == location);
        if (From is { } from) query = query.Where(o => o.PlacedAt >= from);
        if (To is { } to) query = query.Where(o => o.PlacedAt < to);
        if (DeviceId is { } device) query = query.Where(o => o.DeviceId == device);
        if (PaymentMethod is { } method) query = query.Where(o => o.PaymentMethod == method);
        if (Status is { } status) query = query.Where(o => o.PaymentStatus == status);
        return query;
    }

    private static DateTimeOffset? Time(string? value, string name, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        // An unencoded '+' of an offset arrives as a space; ISO 8601 has no spaces, so it can only mean that.
        var text = value.Trim().Replace(' ', '+');
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(endOfDay ? 1 : 0);
        if (DateTimeOffset.TryParseExact(text, Times, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            return time.ToUniversalTime();
        throw DomainException.Invalid($"'{name}' must be an ISO 8601 date or time, like 2026-03-01 or 2026-03-01T08:30:00Z; it was '{value}'.");
    }
}
