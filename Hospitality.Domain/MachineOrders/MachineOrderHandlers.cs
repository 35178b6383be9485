using Hospitality.Domain.Common;
using Hospitality.Domain.Devices;
using Hospitality.Domain.Menus;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.MachineOrders;

/// <summary>
/// Seed 002's POST /devices/{id}/orders/create, from the machine. The same <paramref name="MachineOrderId"/> again answers
/// the sale recorded the first time and records nothing.
/// </summary>
public sealed record CreateMachineOrder(
    DeviceCaller Device, string? MachineOrderId, IReadOnlyList<MachineOrderLineInput>? Items, string? Currency, PaymentMethod? PaymentMethod,
    PaymentStatus? PaymentStatus, MachineFault? Fault, string? FaultMessage, DateTimeOffset? CreatedAt) : IRequest<MachineOrderView>;

/// <summary>
/// Seed 002's POST /orders/{id}/manual_refund. <paramref name="ExpectedVersion"/>, when sent, is the version the refunder
/// saw: a sale refunded meanwhile is refused rather than refunded twice.
/// </summary>
public sealed record RefundMachineOrder(Actor Actor, Guid OrderId, string? Amount, string? Reason, long? ExpectedVersion = null) : IRequest<MachineOrderView>;

/// <summary>Seed 002's GET /orders, newest sale first.</summary>
public sealed record ListMachineOrders(Actor Actor, MachineOrderFilter Filter, int Page, int PageSize) : IRequest<MachineOrderPage>;

public sealed record MachineOrderPage(IReadOnlyList<MachineOrderView> Items, int Page, int PageSize, long Total);

public sealed record GetMachineOrder(Actor Actor, Guid OrderId) : IRequest<MachineOrderView>;

/// <summary>The sales of a filter for export, newest first, refused when there are more than <paramref name="MaxRows"/>.</summary>
public sealed record ExportMachineOrders(Actor Actor, MachineOrderFilter Filter, int MaxRows) : IRequest<MachineOrderExport>;

/// <summary><see cref="Rows"/> reads the sales in batches as it is enumerated; sales arriving after the count are left out.</summary>
public sealed record MachineOrderExport(int Count, IAsyncEnumerable<MachineOrder> Rows);

public sealed class MachineOrderHandlers(IDocumentStore store, TimeProvider clock) :
    IRequestHandler<CreateMachineOrder, MachineOrderView>, IRequestHandler<RefundMachineOrder, MachineOrderView>,
    IRequestHandler<ListMachineOrders, MachineOrderPage>, IRequestHandler<GetMachineOrder, MachineOrderView>,
    IRequestHandler<ExportMachineOrders, MachineOrderExport>
{
    private const int ExportBatch = 500;
    private static readonly Guid SalesNamespace = new("0f6f3c1e-5c1b-4d52-9a3e-2f1d6b7c8a90");

    /// <summary>The stream of a machine's sale: the same machine and order id always give the same stream.</summary>
    public static Guid StreamOf(Guid deviceId, string machineOrderId) => NameBasedGuid.Create(SalesNamespace, $"{deviceId:N}/{machineOrderId}");

    public async Task<MachineOrderView> Handle(CreateMachineOrder request, CancellationToken ct)
    {
        var machineOrderId = MachineOrderDecisions.ReadMachineOrderId(request.MachineOrderId);
        var id = StreamOf(request.Device.DeviceId, machineOrderId);
        await using var session = store.Writing(request.Device.TenantId, $"device:{request.Device.DeviceId:N}");
        var device = await session.LoadAsync<Device>(request.Device.DeviceId, ct) ?? throw DomainException.NotFound($"Machine {request.Device.DeviceId} does not exist.");
        var location = await Locations.RequireAsync(session, device.LocationId, ct);
        var placed = (MachineOrderPlaced)MachineOrderDecisions.Decide(null, new RecordSale(id, device.Id, device.Name, device.LocationId,
            MenuCurrencies.ForCountry(location.Country), machineOrderId, request.Items, request.Currency, request.PaymentMethod,
            request.PaymentStatus, request.Fault, request.FaultMessage, request.CreatedAt, clock.GetUtcNow()))[0];
        if (await session.LoadAsync<MachineOrder>(id, ct) is { } earlier) return Repeat(earlier, placed);
        session.Events.StartStream<MachineOrder>(id, placed);
        try
        {
            await session.SaveChangesAsync(ct);
            return MachineOrderView.Of(session.LastCommitted.Find<MachineOrder>(id)!);
        }
        catch (ConcurrencyException)
        {
            // The same upload, retried while the first was still committing: that one stands.
            await using var again = store.QuerySession(request.Device.TenantId);
            if (await again.LoadAsync<MachineOrder>(id, ct) is not { } first) throw;
            return Repeat(first, placed);
        }
    }

    public async Task<MachineOrderView> Handle(RefundMachineOrder request, CancellationToken ct)
    {
        var actor = request.Actor;
        await using var session = store.Writing(actor.TenantId, actor.Name);
        var order = await Visible(session, actor, request.OrderId, ct);
        if (request.ExpectedVersion is { } expected && expected != order.Version)
            throw DomainException.Conflict("This sale changed since you saw it (another refund?); reload it before refunding.");
        session.Events.Append(order.Id, order.Version, MachineOrderDecisions.Decide(order, new RefundSale(request.Amount, request.Reason, actor.Name, clock.GetUtcNow())));
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException)
        {
            // Never decided again on the newer state: two people refunding at once is a question for a person, not a retry.
            throw DomainException.Conflict("Another refund of this sale was recorded at the same moment; reload it and check before refunding again.");
        }
        return MachineOrderView.Of(session.LastCommitted.Find<MachineOrder>(order.Id)!);
    }

    public async Task<MachineOrderPage> Handle(ListMachineOrders request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        var query = request.Filter.Apply(session.Query<MachineOrder>(), request.Actor);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(o => o.PlacedAt).OrderBy(o => o.MachineOrderId).OrderBy(o => o.Id)
            .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToListAsync(ct);
        return new MachineOrderPage([.. items.Select(MachineOrderView.Of)], request.Page, request.PageSize, total);
    }

    public async Task<MachineOrderView> Handle(GetMachineOrder request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        return MachineOrderView.Of(await Visible(session, request.Actor, request.OrderId, ct));
    }

    public async Task<MachineOrderExport> Handle(ExportMachineOrders request, CancellationToken ct)
    {
        // Only sales received before the count: paging by offset stays stable while machines keep selling.
        var asOf = clock.GetUtcNow();
        int count;
        await using (var session = store.QuerySession(request.Actor.TenantId))
            count = await request.Filter.Apply(session.Query<MachineOrder>(), request.Actor).Where(o => o.ReceivedAt <= asOf).CountAsync(ct);
        if (count > request.MaxRows)
            throw DomainException.Invalid($"{count} sales match; an export holds at most {request.MaxRows}. Narrow 'from' and 'to'.");
        return new MachineOrderExport(count, Rows(request.Actor, request.Filter, asOf, count));
    }

    private async IAsyncEnumerable<MachineOrder> Rows(Actor actor, MachineOrderFilter filter, DateTimeOffset asOf, int count,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        for (var skipped = 0; skipped < count; skipped += ExportBatch)
        {
            IReadOnlyList<MachineOrder> batch;
            await using (var session = store.QuerySession(actor.TenantId))
                batch = await filter.Apply(session.Query<MachineOrder>(), actor).Where(o => o.ReceivedAt <= asOf)
                    .OrderByDescending(o => o.PlacedAt).OrderBy(o => o.MachineOrderId).OrderBy(o => o.Id)
                    .Skip(skipped).Take(Math.Min(ExportBatch, count - skipped)).ToListAsync(ct);
            foreach (var order in batch) yield return order;
            if (batch.Count < ExportBatch) yield break;
        }
    }

    /// <summary>A repeat of a sale answers it as recorded; a different sale under the same machine order id is refused.</summary>
    private static MachineOrderView Repeat(MachineOrder earlier, MachineOrderPlaced placed) =>
        earlier.Fingerprint == MachineOrder.FingerprintOf(placed)
            ? MachineOrderView.Of(earlier)
            : throw DomainException.Conflict($"The machine's order '{placed.MachineOrderId}' was recorded already with other items, amounts or payment; a machine order id names one sale.");

    /// <summary>A sale at a location the actor reaches; any other is reported as missing.</summary>
    private static async Task<MachineOrder> Visible(IQuerySession session, Actor actor, Guid orderId, CancellationToken ct)
    {
        var order = await session.LoadAsync<MachineOrder>(orderId, ct);
        if (order is null || !actor.CanReach(order.LocationId)) throw DomainException.NotFound($"Order {orderId} does not exist.");
        return order;
    }
}
