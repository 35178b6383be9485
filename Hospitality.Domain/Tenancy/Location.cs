namespace Hospitality.Domain.Tenancy;

/// <summary>What kind of place a location is.</summary>
public enum LocationKind { Lounge, Restaurant, CoffeeShop, EventVenue }

/// <summary>One place of a tenant where guests are served: a lounge, a restaurant, a coffee shop or an event venue.</summary>
public sealed record Location(string Id, string TenantId, string Name, LocationKind Kind);
