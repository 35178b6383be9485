using Hospitality.Domain.Billing;
using Hospitality.Domain.Common;
using Hospitality.Domain.Tenancy;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospitality.Web.Staff.Locations;

/// <summary>
/// A location's tax and service charge: staff read them, managers set them. Rates travel as percent text
/// (<c>"taxRate": "8.25"</c>), never as a JSON number, and are read exactly into basis points; a rate out of range or with
/// more than two decimals is a 400 naming it and changes nothing. Another tenant's location is a 404.
/// </summary>
public static class LocationChargesApi
{
    /// <param name="api">
    /// The /api group. A group of its own, for staff only: combined with the /locations group's policy (staff or display
    /// token schemes) the request's principal gained a second identity and no actor.
    /// </param>
    public static RouteGroupBuilder MapLocationChargesApi(this RouteGroupBuilder api)
    {
        var charges = api.MapGroup("/locations/{locationId}/charges").RequireAuthorization(Policies.ViewBoard).WithTags("Locations");
        charges.MapGet("/", async (HttpContext http, IMediator m, string locationId, CancellationToken ct) =>
            TypedResults.Ok(ChargesView.Of(await m.Send(new GetLocationCharges(http.User.ToActor()!, locationId), ct))));
        charges.MapPut("/", ChangeAsync).RequireAuthorization(Policies.ManageVenue);
        api.MapPut("/locations/{locationId}/coordinates", async (HttpContext http, IMediator m, string locationId, CoordinatesBody body, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new SetLocationCoordinates(http.User.ToActor()!, locationId, body.Latitude, body.Longitude), ct)))
            .RequireAuthorization(Policies.ManageVenue).WithTags("Locations");
        api.MapPut("/locations/{locationId}/time-zone", async (HttpContext http, IMediator m, string locationId, TimeZoneBody body, CancellationToken ct) =>
            TypedResults.Ok(LocationView.Of(await m.Send(new SetLocationTimeZone(http.User.ToActor()!, locationId, body.TimeZone), ct))))
            .RequireAuthorization(Policies.ManageVenue).WithTags("Locations");
        return api;
    }

    // A PUT sets both rates: a missing one is refused rather than read as zero, so a partial body cannot wipe a rate.
    private static async Task<Ok<ChargesView>> ChangeAsync(HttpContext http, IMediator mediator, string locationId, ChargesBody body, CancellationToken ct)
    {
        var change = new ChangeLocationCharges(http.User.ToActor()!, locationId, body.TaxRate ?? throw Customers.CustomersApi.Missing("taxRate"),
            body.ServiceChargeRate ?? throw Customers.CustomersApi.Missing("serviceChargeRate"), body.ServiceChargeDineInOnly ?? true, body.ExpectedVersion);
        return TypedResults.Ok(ChargesView.Of(await mediator.Send(change, ct)));
    }
}

/// <summary>An IANA time zone name, like <c>America/New_York</c>.</summary>
public sealed record TimeZoneBody(string? TimeZone);

/// <summary>GPS coordinates in degrees (WGS 84); both null clear them.</summary>
public sealed record CoordinatesBody(double? Latitude, double? Longitude);

/// <summary>Rates as percent text ("8.25"; "" or "0" for none). <c>serviceChargeDineInOnly</c> defaults to true.</summary>
public sealed record ChargesBody(string? TaxRate, string? ServiceChargeRate, bool? ServiceChargeDineInOnly, long? ExpectedVersion);

/// <summary>A location's charges as JSON: rates as percent text and in basis points; <c>version</c> for the next change.</summary>
public sealed record ChargesView(
    string LocationId, string TaxRate, string ServiceChargeRate, bool ServiceChargeDineInOnly, int TaxBasisPoints, int ServiceChargeBasisPoints, long Version)
{
    public static ChargesView Of(LocationCharges c) => new(c.LocationId, ChargePolicy.FormatPercent(c.Policy.TaxBasisPoints),
        ChargePolicy.FormatPercent(c.Policy.ServiceChargeBasisPoints), c.Policy.ServiceChargeDineInOnly, c.Policy.TaxBasisPoints,
        c.Policy.ServiceChargeBasisPoints, c.Version);
}
