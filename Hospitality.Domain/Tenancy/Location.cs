using Hospitality.Domain.Billing;

namespace Hospitality.Domain.Tenancy;

/// <summary>What kind of place a location is.</summary>
public enum LocationKind { Lounge, Restaurant, CoffeeShop, EventVenue }

/// <summary>One place of a tenant where guests are served: a lounge, a restaurant, a coffee shop or an event venue.</summary>
/// <param name="Country">ISO 3166 country (e.g. "US", "GB", "IN"): reads phone numbers given there without a country code.</param>
/// <param name="Charges">Tax and service charge on its orders; a location stored before charges existed has none.</param>
public sealed record Location(
    string Id, string TenantId, string Name, LocationKind Kind, string Country = Location.DefaultCountry, ChargePolicy? Charges = null)
{
    public const string DefaultCountry = "US";

    public ChargePolicy Charges { get; init; } = Charges ?? ChargePolicy.None;
}
