using Hospitality.EventStore;

namespace Hospitality.Domain.Orders;

/// <summary>Keeps <see cref="Order"/> documents in step with order events, in the committing transaction.</summary>
public sealed class OrderProjection : IProjection
{
    public string Name => "orders";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<StreamAction> streams, CancellationToken ct)
    {
        foreach (var stream in streams.Where(s => s.Events.Any(e => e.Data is OrderPlaced or OrderAdvanced or OrderCancelled)))
        {
            var order = await operations.LoadAsync<Order>(DocumentRegistry.IdString(stream.Id), ct);
            foreach (var e in stream.Events) order = Order.Fold(order, e.Data, e.Version);
            if (order is not null) operations.Store(order);
        }
    }
}
