using Hospitality.Domain.Billing;
using Hospitality.Domain.Common;
using Hospitality.EventStore;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Domain.Tenancy;

/// <summary>A location's tax and service charge, with the version of the location an edit must start from.</summary>
public sealed record LocationCharges(string LocationId, ChargePolicy Policy, long Version);

/// <summary>The charges of a location the actor can reach (another tenant's or screen's location is not found).</summary>
public sealed record GetLocationCharges(Actor Actor, string LocationId) : IRequest<LocationCharges>;

/// <summary>
/// A manager sets a location's charges. Rates are percent text as typed ("8.25"; blank is 0), read exactly into basis
/// points. <paramref name="ExpectedVersion"/>: the version the editor saw; null takes the current one. Who may do this is
/// the edge's policy (managers).
/// </summary>
public sealed record ChangeLocationCharges(
    Actor Actor, string LocationId, string? TaxRate, string? ServiceChargeRate, bool ServiceChargeDineInOnly, long? ExpectedVersion = null)
    : IRequest<LocationCharges>;

/// <summary>A manager sets (or, with both null, clears) where a location is. Who may do this is the edge's policy (managers).</summary>
public sealed record SetLocationCoordinates(Actor Actor, string LocationId, double? Latitude, double? Longitude) : IRequest<Location>;

/// <summary>
/// A manager sets the IANA time zone a location's days are counted in ("America/New_York"; a Windows id is stored as its IANA
/// name). An unknown zone is refused naming it, and nothing changes. Who may do this is the edge's policy (managers).
/// </summary>
public sealed record SetLocationTimeZone(Actor Actor, string LocationId, string? TimeZone) : IRequest<Location>;

public sealed class LocationChargesHandlers(IDocumentStore store) :
    IRequestHandler<GetLocationCharges, LocationCharges>, IRequestHandler<ChangeLocationCharges, LocationCharges>,
    IRequestHandler<SetLocationCoordinates, Location>, IRequestHandler<SetLocationTimeZone, Location>
{
    public Task<Location> Handle(SetLocationCoordinates request, CancellationToken ct)
    {
        var point = (request.Latitude, request.Longitude) switch
        {
            (null, null) => null,
            ({ } lat, { } lon) => GeoPoint.Of(lat, lon),
            _ => throw DomainException.Invalid("Give both 'latitude' and 'longitude', or neither to clear them."),
        };
        return ChangeAsync(request.Actor, request.LocationId, l => l with { Coordinates = point }, ct);
    }

    public Task<Location> Handle(SetLocationTimeZone request, CancellationToken ct)
    {
        var zone = VenueDay.ReadZoneId(request.TimeZone);   // before anything is read, so a refusal changes nothing
        return ChangeAsync(request.Actor, request.LocationId, l => l with { TimeZone = zone }, ct);
    }

    /// <summary>Stores <paramref name="change"/> of the location unless it changes nothing; a concurrent edit is a conflict.</summary>
    private async Task<Location> ChangeAsync(Actor actor, string locationId, Func<Location, Location> change, CancellationToken ct)
    {
        await using var session = store.Writing(actor.TenantId, actor.Name);
        var (location, version) = await ReachAsync(session, actor, locationId, ct);
        var changed = change(location);
        if (changed == location) return location;
        session.Store(changed, version);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException)
        {
            throw DomainException.Conflict("The location was changed by someone else at the same moment; try again.");
        }
        return changed;
    }

    public async Task<LocationCharges> Handle(GetLocationCharges request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        var (location, version) = await ReachAsync(session, request.Actor, request.LocationId, ct);
        return new LocationCharges(location.Id, location.Charges, version);
    }

    public async Task<LocationCharges> Handle(ChangeLocationCharges request, CancellationToken ct)
    {
        // Read the input before anything else, so a refusal changes nothing.
        var policy = new ChargePolicy(
            ChargePolicy.ParsePercent(request.TaxRate, "tax rate"),
            ChargePolicy.ParsePercent(request.ServiceChargeRate, "service charge rate"),
            request.ServiceChargeDineInOnly);
        await using var session = store.Writing(request.Actor.TenantId, request.Actor.Name);
        var (location, version) = await ReachAsync(session, request.Actor, request.LocationId, ct);
        if (request.ExpectedVersion is { } expected && expected != version) throw Stale();
        if (location.Charges == policy) return new LocationCharges(location.Id, policy, version);
        session.Store(location with { Charges = policy }, version);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException)
        {
            throw Stale();
        }
        return new LocationCharges(location.Id, policy, (await session.MetadataForAsync<Location>(location.Id, ct))!.Version);
    }

    private static async Task<(Location, long)> ReachAsync(IQuerySession session, Actor actor, string locationId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(locationId) || !actor.CanReach(locationId)) throw DomainException.NotFound($"Location {locationId} does not exist.");
        var location = await Locations.RequireAsync(session, locationId, ct);
        return (location, (await session.MetadataForAsync<Location>(location.Id, ct))!.Version);
    }

    private static DomainException Stale() =>
        DomainException.Conflict("The location's charges were changed by someone else meanwhile. Reload them and try again.");
}

public static class LocationChargesModule
{
    public static IServiceCollection AddLocationCharges(this IServiceCollection services)
    {
        services.AddTransient<IRequestHandler<GetLocationCharges, LocationCharges>, LocationChargesHandlers>();
        services.AddTransient<IRequestHandler<ChangeLocationCharges, LocationCharges>, LocationChargesHandlers>();
        services.AddTransient<IRequestHandler<SetLocationCoordinates, Location>, LocationChargesHandlers>();
        services.AddTransient<IRequestHandler<SetLocationTimeZone, Location>, LocationChargesHandlers>();
        return services;
    }
}
