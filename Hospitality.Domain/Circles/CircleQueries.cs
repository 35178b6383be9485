using Hospitality.Domain.Common;
using Hospitality.Domain.Customers;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Circles;

/// <summary>Seed 001's getCircle (with getCircleMembers): the circle and its members as this actor may see them.</summary>
public sealed record GetCircle(Actor Actor, string CircleId) : IRequest<CircleDetails>;

/// <summary>Seed 001's getCustomerCircles: every circle the guest belongs to.</summary>
public sealed record GetCustomerCircles(Actor Actor, string CustomerId) : IRequest<IReadOnlyList<CircleDetails>>;

/// <summary>A member as shown: a guest this actor may not see (another location's, or erased) appears without details.</summary>
public sealed record CircleMember(string CustomerId, string Name, bool IsOwner);

public sealed record CircleDetails(Guid Id, string Name, CircleKind Kind, string OwnerId, IReadOnlyList<CircleMember> Members, DateTimeOffset CreatedAt, long Version);

public sealed class CircleQueries(IDocumentStore store, IMediator mediator) :
    IRequestHandler<GetCircle, CircleDetails>, IRequestHandler<GetCustomerCircles, IReadOnlyList<CircleDetails>>
{
    public const string HiddenGuest = "A guest of another location";

    public async Task<CircleDetails> Handle(GetCircle request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        var circle = await session.LoadAsync<Circle>(ParseId(request.CircleId).ToString(), ct) ?? throw Missing(request.CircleId);
        return (await DetailsAsync(request.Actor, [circle], ct))[0];
    }

    public async Task<IReadOnlyList<CircleDetails>> Handle(GetCustomerCircles request, CancellationToken ct)
    {
        var guest = (await mediator.Send(new GetCustomers(request.Actor, [request.CustomerId]), ct)).SingleOrDefault()
            ?? throw DomainException.NotFound($"Guest {request.CustomerId} does not exist.");
        await using var session = store.QuerySession(request.Actor.TenantId);
        var circles = await session.Query<Circle>().Where(c => c.MemberIds.Contains(guest.Id)).OrderBy(c => c.Name).ToListAsync(ct);
        return await DetailsAsync(request.Actor, circles, ct);
    }

    private async Task<IReadOnlyList<CircleDetails>> DetailsAsync(Actor actor, IReadOnlyList<Circle> circles, CancellationToken ct)
    {
        var ids = circles.SelectMany(c => c.MemberIds).Distinct().ToList();
        var names = (await mediator.Send(new GetCustomers(actor, ids), ct)).ToDictionary(g => g.Id, g => g.Name);
        return [.. circles.Select(c => new CircleDetails(c.Id, c.Name, c.Kind, c.OwnerId,
            [.. c.MemberIds.Select(m => new CircleMember(m, names.GetValueOrDefault(m, HiddenGuest), m == c.OwnerId))], c.CreatedAt, c.Version))];
    }

    internal static Guid ParseId(string circleId) => Guid.TryParse(circleId, out var id) ? id : throw Missing(circleId);

    internal static DomainException Missing(string circleId) => DomainException.NotFound($"Circle {circleId} does not exist.");
}
