using Hospitality.Domain.Common;
using Hospitality.Domain.Customers;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Orders;

/// <summary>The staff orders board: a location's open orders, oldest first.</summary>
public sealed record GetOrdersBoard(Actor Actor, string LocationId) : IRequest<IReadOnlyList<Order>>;

/// <summary>Seed 001's getCustomerOrders: a guest's orders, newest first.</summary>
public sealed record GetCustomerOrders(Actor Actor, string CustomerId, int Limit = 20) : IRequest<IReadOnlyList<Order>>;

public sealed class OrderQueries(IDocumentStore store, IMediator mediator) :
    IRequestHandler<GetOrdersBoard, IReadOnlyList<Order>>, IRequestHandler<GetCustomerOrders, IReadOnlyList<Order>>
{
    public async Task<IReadOnlyList<Order>> Handle(GetOrdersBoard request, CancellationToken ct)
    {
        var (actor, locationId) = request;
        if (!actor.CanReach(locationId)) throw DomainException.NotFound($"Location {locationId} does not exist.");
        await using var session = store.QuerySession(actor.TenantId);
        await Locations.RequireAsync(session, locationId, ct);
        return await session.Query<Order>()
            .Where(o => o.LocationId == locationId && o.Status != OrderStatus.Completed && o.Status != OrderStatus.Delivered && o.Status != OrderStatus.Cancelled)
            .OrderBy(o => o.PlacedAt).Take(500).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Order>> Handle(GetCustomerOrders request, CancellationToken ct)
    {
        if (request.Limit is < 1 or > 200) throw DomainException.Invalid("Order history holds 1 to 200 orders.");
        var guest = (await mediator.Send(new GetCustomers(request.Actor, [request.CustomerId]), ct)).SingleOrDefault(g => !g.Erased)
            ?? throw DomainException.NotFound($"Guest {request.CustomerId} does not exist.");
        string[] ids = [guest.Id, .. guest.Absorbed];
        await using var session = store.QuerySession(request.Actor.TenantId);
        var id = guest.Id;
        // Their own orders, and the group orders they added to (another guest's, sent from a room).
        var query = session.Query<Order>().Where(o => ids.Contains(o.CustomerId) || o.Guests!.Contains(id));
        if (request.Actor.LocationId is { } here) query = query.Where(o => o.LocationId == here);
        return await query.OrderByDescending(o => o.PlacedAt).Take(request.Limit).ToListAsync(ct);
    }
}
