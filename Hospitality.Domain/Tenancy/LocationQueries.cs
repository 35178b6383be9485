using Hospitality.Domain.Common;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Tenancy;

/// <summary>The locations the actor can reach, by name: all of the tenant's for staff, its own for a screen.</summary>
public sealed record ListLocations(Actor Actor) : IRequest<IReadOnlyList<Location>>;

public sealed class LocationQueryHandler(IDocumentStore store) : IRequestHandler<ListLocations, IReadOnlyList<Location>>
{
    public async Task<IReadOnlyList<Location>> Handle(ListLocations request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        var all = await session.Query<Location>().OrderBy(l => l.Name).ToListAsync(ct);
        return [.. all.Where(l => request.Actor.CanReach(l.Id))];
    }
}

/// <summary>One location the actor can reach, or NotFound (also for another tenant's or screen's location).</summary>
public sealed record FindLocation(Actor Actor, string LocationId) : IRequest<Location>;

public sealed class FindLocationHandler(IDocumentStore store) : IRequestHandler<FindLocation, Location>
{
    public async Task<Location> Handle(FindLocation request, CancellationToken ct)
    {
        var (actor, locationId) = request;
        if (!actor.CanReach(locationId)) throw DomainException.NotFound($"Location {locationId} does not exist.");
        await using var session = store.QuerySession(actor.TenantId);
        return await Locations.RequireAsync(session, locationId, ct);
    }
}
