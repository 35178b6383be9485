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
}
