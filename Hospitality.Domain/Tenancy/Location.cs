using Hospitality.Domain.Billing;

namespace Hospitality.Domain.Tenancy;

/// <summary>What kind of place a location is.</summary>
public enum LocationKind { Lounge, Restaurant, CoffeeShop, EventVenue }

/// <summary>One place of a tenant where guests are served: a lounge, a restaurant, a coffee shop or an event venue.</summary>
/// <param name="Country">ISO 3166 country (e.g. "US", "GB", "IN"): reads phone numbers given there without a country code.</param>
/// <param name="Charges">Tax and service charge on its orders; a location stored before charges existed has none.</param>
/// <param name="Coordinates">Where it is on the map (seed 002's GPS coordinates), or null until a manager sets them.</param>
/// <param name="TimeZone">
/// Its IANA time zone ("America/New_York"), which its days are counted in ("today" on the dashboard and in <c>/metrics</c>);
/// null for a location stored before locations had one, whose days stay UTC days until a manager sets it.
/// </param>
public sealed record Location(
    string Id, string TenantId, string Name, LocationKind Kind, string Country = Location.DefaultCountry, ChargePolicy? Charges = null,
    GeoPoint? Coordinates = null, string? TimeZone = null)
{
    public const string DefaultCountry = "US";

    public ChargePolicy Charges { get; init; } = Charges ?? ChargePolicy.None;

    /// <summary>The zone its days are counted in: its own, or UTC when it has none (a method, so it is not stored).</summary>
    public TimeZoneInfo DayZone() => VenueDay.FindZone(TimeZone) ?? TimeZoneInfo.Utc;
}

/// <summary>A point on the map in WGS 84 degrees, as a phone's GPS gives it.</summary>
public sealed record GeoPoint(double Latitude, double Longitude)
{
    /// <summary>A point, or a refusal naming the coordinate that is out of range (or not a number).</summary>
    public static GeoPoint Of(double latitude, double longitude)
    {
        if (!double.IsFinite(latitude) || latitude is < -90 or > 90) throw DomainException.Invalid($"'latitude' must be between -90 and 90; it was {latitude}.");
        if (!double.IsFinite(longitude) || longitude is < -180 or > 180) throw DomainException.Invalid($"'longitude' must be between -180 and 180; it was {longitude}.");
        return new GeoPoint(Math.Round(latitude, 6), Math.Round(longitude, 6));   // about 10 cm: more is noise
    }
}
