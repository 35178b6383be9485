using Hospitality.EventStore;

namespace Hospitality.Domain.Tenancy;

/// <summary>Things happen at a location of the actor's own tenant; any other location id is simply not found.</summary>
internal static class Locations
{
    public static async Task<Location> RequireAsync(IQuerySession session, string locationId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(locationId)) throw DomainException.Invalid("A location is required.");
        // The session is scoped to the actor's tenant, so another tenant's location is never loaded.
        return await session.LoadAsync<Location>(locationId, ct)
            ?? throw DomainException.NotFound($"Location {locationId} does not exist.");
    }

    /// <summary>
    /// The country that reads a phone number given without a country code: the named location's, else the actor's,
    /// else the tenant's first location's.
    /// </summary>
    public static async Task<string> CountryForPhonesAsync(IQuerySession session, string? locationId, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(locationId)) return (await RequireAsync(session, locationId, ct)).Country;
        var first = await session.Query<Location>().OrderBy(l => l.Name).FirstOrDefaultAsync(ct);
        return first?.Country ?? Location.DefaultCountry;
    }
}
