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
