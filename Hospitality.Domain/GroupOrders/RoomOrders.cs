using Hospitality.Domain.Orders;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.GroupOrders;

/// <summary>The orders a sent room placed, as its guests follow them (status, total); empty before it is sent.</summary>
public sealed record GetRoomOrders(RoomGuest Guest) : IRequest<IReadOnlyList<Order>>;

public sealed class RoomOrders(IDocumentStore store, IMediator mediator) : IRequestHandler<GetRoomOrders, IReadOnlyList<Order>>
{
    public async Task<IReadOnlyList<Order>> Handle(GetRoomOrders request, CancellationToken ct)
    {
        // The room decides whether this link still admits its guest; only then are its orders read.
        var room = await mediator.Send(new GetRoomAsGuest(request.Guest), ct);
        await using var session = store.QuerySession(request.Guest.TenantId);
        return await session.LoadManyAsync<Order>(room.OrderIds.Select(id => id.ToString()), ct);
    }
}
