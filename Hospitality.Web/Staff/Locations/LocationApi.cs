using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Hospitality.Web.Staff.Locations;

/// <summary>
/// A location as the API shows it: with its GPS coordinates when a manager has set them, and its IANA time zone (null when
/// none is set: its days are then UTC days).
/// </summary>
public sealed record LocationView(string Id, string Name, LocationKind Kind, GeoPoint? Coordinates = null, string? TimeZone = null)
{
    public static LocationView Of(Location l) => new(l.Id, l.Name, l.Kind, l.Coordinates, l.TimeZone);
}

/// <summary>
/// The caller's locations: staff see all of their tenant's, a display token only its own. A location of another
/// tenant is never found (the session is the caller's tenant), so it is a 404 like one that does not exist.
/// </summary>
public static class LocationApi
{
    public static RouteGroupBuilder MapLocationApi(this RouteGroupBuilder api)
    {
        var locations = api.MapGroup("/locations").RequireAuthorization(Policies.LiveScreens).WithTags("Locations");
        locations.MapGet("/", ListAsync);
        locations.MapGet("/{locationId}", GetAsync);
        return api.MapLocationChargesApi();
    }

    public static NotFound<ProblemDetails> LocationNotFound(string locationId) =>
        TypedResults.NotFound(new ProblemDetails
        {
            Title = "No such location.",
            Detail = $"There is no location '{locationId}'.",
            Status = StatusCodes.Status404NotFound,
        });

    private static async Task<Ok<IReadOnlyList<LocationView>>> ListAsync(HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(http.User.TenantId());
        var all = await session.Query<Location>().OrderBy(l => l.Name).ToListAsync(http.RequestAborted);
        IReadOnlyList<LocationView> visible = all.Where(l => http.User.CanReadLocation(l)).Select(LocationView.Of).ToList();
        return TypedResults.Ok(visible);
    }

    private static async Task<Results<Ok<LocationView>, NotFound<ProblemDetails>>> GetAsync(
        string locationId, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(http.User.TenantId());
        var location = await session.LoadAsync<Location>(locationId, http.RequestAborted);
        return location is not null && http.User.CanReadLocation(location)
            ? TypedResults.Ok(LocationView.Of(location))
            : LocationNotFound(locationId);
    }
}
