using Hospitality.Domain.Common;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Customers;

/// <summary>Merge <paramref name="MergeId"/> into <paramref name="KeepId"/> (two profiles of one guest). Returns the kept guest.</summary>
public sealed record MergeCustomers(Actor Actor, string KeepId, string MergeId) : IRequest<CustomerProfile>;

/// <summary>Take a merge back: <paramref name="MergedId"/> stands alone again.</summary>
public sealed record UndoCustomerMerge(Actor Actor, string KeepId, string MergedId) : IRequest<CustomerProfile>;

public sealed class MergeCommandHandlers(IDocumentStore store, TimeProvider clock) :
    IRequestHandler<MergeCustomers, CustomerProfile>, IRequestHandler<UndoCustomerMerge, CustomerProfile>
{
    public Task<CustomerProfile> Handle(MergeCustomers request, CancellationToken ct) =>
        BothAsync(request.Actor, request.KeepId, request.MergeId, MergeDecisions.Merge, ct);

    public Task<CustomerProfile> Handle(UndoCustomerMerge request, CancellationToken ct) =>
        BothAsync(request.Actor, request.KeepId, request.MergedId, MergeDecisions.Undo, ct);

    private async Task<CustomerProfile> BothAsync(
        Actor actor, string keepId, string otherId, Func<Customer?, Customer?, DateTimeOffset, (object[], object[])> decide, CancellationToken ct)
    {
        var (keep, other) = (CustomerQueries.ParseId(keepId), CustomerQueries.ParseId(otherId));
        await using var session = store.Writing(actor.TenantId, actor.Name);
        // Both profiles are read in the actor's own tenant: a merge can never reach another business's guest.
        foreach (var id in new[] { keep, other })
        {
            var profile = await session.LoadAsync<CustomerProfile>(id.ToString(), ct);
            if (profile is null || profile.Erased || !profile.IsVisibleTo(actor)) throw CustomerQueries.Missing(id.ToString());
        }

        var keeping = await session.Events.AggregateStreamAsync<Customer>(keep, ct: ct);
        var merging = await session.Events.AggregateStreamAsync<Customer>(other, ct: ct);
        var (toKeep, toOther) = decide(keeping, merging, clock.GetUtcNow());
        session.Events.Append(keep, keeping!.Version, toKeep);
        session.Events.Append(other, merging!.Version, toOther);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException)
        {
            throw DomainException.Conflict("One of the two profiles was changed at the same moment. Reload both and try again.");
        }

        return (await session.LoadAsync<CustomerProfile>(keep.ToString(), ct))!.For(actor);
    }
}
