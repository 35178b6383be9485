using Hospitality.Domain.Common;
using Hospitality.Domain.Customers;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Circles;

/// <summary>Seed 001's createCircle: <paramref name="OwnerId"/> is the guest who owns it.</summary>
public sealed record CreateCircle(Actor Actor, string OwnerId, string? Name, CircleKind Kind) : IRequest<CircleDetails>;

/// <summary>
/// Seed 001's inviteToCircle: the guest with this mobile number joins; with no such guest yet, one is created from
/// <paramref name="Name"/> (as capture_customer_info would).
/// </summary>
public sealed record InviteToCircle(Actor Actor, string CircleId, string? Phone, string? Name = null) : IRequest<CircleDetails>;

/// <summary>Seed 001's removeMemberFromCircle. Never the owner.</summary>
public sealed record RemoveFromCircle(Actor Actor, string CircleId, string CustomerId) : IRequest<CircleDetails>;

public sealed class CircleCommandHandlers(IDocumentStore store, IMediator mediator, TimeProvider clock) :
    IRequestHandler<CreateCircle, CircleDetails>, IRequestHandler<InviteToCircle, CircleDetails>, IRequestHandler<RemoveFromCircle, CircleDetails>
{
    public async Task<CircleDetails> Handle(CreateCircle request, CancellationToken ct)
    {
        var (actor, ownerId, name, kind) = request;
        var owner = await GuestAsync(actor, ownerId, ct);
        var id = Guid.NewGuid();
        await using (var session = Open(actor))
        {
            session.Events.StartStream<Circle>(id, CircleDecisions.Decide(null, new CreateCircleCommand(id, name, kind, owner.Id, clock.GetUtcNow())));
            await session.SaveChangesAsync(ct);
        }

        return await mediator.Send(new GetCircle(actor, id.ToString()), ct);
    }

    public async Task<CircleDetails> Handle(InviteToCircle request, CancellationToken ct)
    {
        var (actor, circleId, phone, name) = request;
        if (string.IsNullOrWhiteSpace(phone)) throw DomainException.Invalid("Give the mobile number of the guest to invite.");
        string? known;
        await using (var session = store.QuerySession(actor.TenantId))
        {
            var e164 = PhoneNumbers.Normalize(phone, await Tenancy.Locations.CountryForPhonesAsync(session, actor.LocationId, ct)).E164;
            known = (await session.LoadAsync<CustomerPhone>(e164, ct))?.CustomerId;
        }

        // Decide before adding anyone to the guest book: a refused invitation (no such circle, full, already a
        // member) must leave nothing behind.
        var knownGuest = known is null ? null : (await GuestAsync(actor, known, ct)).Id;
        await using (var session = store.QuerySession(actor.TenantId))
        {
            var circle = await session.Events.AggregateStreamAsync<Circle>(CircleQueries.ParseId(circleId), ct: ct) ?? throw CircleQueries.Missing(circleId);
            CircleDecisions.Decide(circle, new AddMember(knownGuest ?? "", clock.GetUtcNow()));
        }

        string guestId;
        if (knownGuest is not null)
        {
            guestId = knownGuest;
        }
        else
        {
            var (first, last) = CustomerInput.SplitFullName(name);
            if (first.Length == 0) throw DomainException.Invalid("Nobody has that mobile number yet: give the guest's name too, so they can be added.");
            guestId = (await mediator.Send(new CreateCustomer(actor, new CustomerInput(first, last, phone)), ct)).Id;
        }

        return await ChangeAsync(actor, circleId, new AddMember(guestId, clock.GetUtcNow()), ct);
    }

    /// <summary>A guest this actor may see, not erased and not merged into another profile.</summary>
    private async Task<CustomerProfile> GuestAsync(Actor actor, string customerId, CancellationToken ct) =>
        (await mediator.Send(new GetCustomers(actor, [customerId]), ct)).SingleOrDefault(g => g is { Erased: false, MergedInto: null })
        ?? throw DomainException.NotFound($"Guest {customerId} does not exist.");

    public Task<CircleDetails> Handle(RemoveFromCircle request, CancellationToken ct) =>
        ChangeAsync(request.Actor, request.CircleId, new RemoveMember(request.CustomerId, clock.GetUtcNow()), ct);

    private async Task<CircleDetails> ChangeAsync(Actor actor, string circleId, CircleCommand command, CancellationToken ct)
    {
        var id = CircleQueries.ParseId(circleId);
        await using (var session = Open(actor))
        {
            var circle = await session.Events.AggregateStreamAsync<Circle>(id, ct: ct) ?? throw CircleQueries.Missing(circleId);
            session.Events.Append(id, circle.Version, CircleDecisions.Decide(circle, command));
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (ConcurrencyException)
            {
                throw DomainException.Conflict("The circle was changed by someone else at the same moment. Reload it and try again.");
            }
        }

        return await mediator.Send(new GetCircle(actor, circleId), ct);
    }

    private IDocumentSession Open(Actor actor)
    {
        var session = store.Writing(actor.TenantId, actor.Name);
        return session;
    }
}
