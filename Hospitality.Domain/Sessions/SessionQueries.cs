using Hospitality.Domain.Common;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Sessions;

/// <summary>The live cards of one location, oldest first (the order tables were seated).</summary>
public sealed record GetBoard(Actor Actor, string LocationId) : IRequest<IReadOnlyList<SessionCard>>;

/// <summary>The live cards of every location the actor can reach (the seed's GET /api/sessions).</summary>
public sealed record GetActiveSessions(Actor Actor) : IRequest<IReadOnlyList<SessionCard>>;

/// <summary>One card with its timeline.</summary>
public sealed record GetSessionCard(Actor Actor, Guid SessionId) : IRequest<SessionCard>;

public sealed class SessionQueryHandlers(IDocumentStore store) :
    IRequestHandler<GetBoard, IReadOnlyList<SessionCard>>,
    IRequestHandler<GetActiveSessions, IReadOnlyList<SessionCard>>,
    IRequestHandler<GetSessionCard, SessionCard>
{
    public async Task<IReadOnlyList<SessionCard>> Handle(GetBoard request, CancellationToken ct)
    {
        var (actor, locationId) = request;
        if (!actor.CanReach(locationId)) throw DomainException.NotFound($"Location {locationId} does not exist.");
        await using var session = store.QuerySession(actor.TenantId);
        await Locations.RequireAsync(session, locationId, ct);
        return await session.Query<SessionCard>()
            .Where(c => c.LocationId == locationId && c.Status != SessionStatus.Ended)
            .OrderBy(c => c.StartedAt)
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<SessionCard>> Handle(GetActiveSessions request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        var query = session.Query<SessionCard>().Where(c => c.Status != SessionStatus.Ended);
        if (request.Actor.LocationId is { } only) query = query.Where(c => c.LocationId == only);
        return await query.OrderBy(c => c.StartedAt).ToListAsync(ct);
    }

    public async Task<SessionCard> Handle(GetSessionCard request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        var card = await session.LoadAsync<SessionCard>(request.SessionId, ct);
        return card is not null && request.Actor.CanReach(card.LocationId)
            ? card
            : throw DomainException.NotFound($"Session {request.SessionId} does not exist.");
    }
}
