using Hospitality.Domain.Common;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Customers;

/// <summary>
/// A guest known to the business (seed 000's CustomerProfile): the id follows them across the business's
/// locations, with the preferences staff use to suggest a bowl.
/// </summary>
public sealed record CustomerProfile(string Id, string Name, CustomerPreferences Preferences);

/// <param name="SessionDurationMinutes">How long the guest usually stays.</param>
/// <param name="Notes">Staff observations; never contact details.</param>
public sealed record CustomerPreferences(
    IReadOnlyList<string> FavoriteFlavors, int SessionDurationMinutes, IReadOnlyList<string> AddOnPreferences, string Notes);

/// <summary>The business's customer profiles by name, for picking one when a session starts.</summary>
public sealed record ListCustomers(Actor Actor) : IRequest<IReadOnlyList<CustomerProfile>>;

public sealed class CustomerQueryHandlers(IDocumentStore store) : IRequestHandler<ListCustomers, IReadOnlyList<CustomerProfile>>
{
    public async Task<IReadOnlyList<CustomerProfile>> Handle(ListCustomers request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        return await session.Query<CustomerProfile>().OrderBy(c => c.Name).ToListAsync(ct);
    }
}

/// <summary>The profiles with these ids (missing ones left out): what a page of sessions needs, not the whole list.</summary>
public sealed record GetCustomers(Actor Actor, IReadOnlyCollection<string> Ids) : IRequest<IReadOnlyList<CustomerProfile>>;

public sealed class GetCustomersHandler(IDocumentStore store) : IRequestHandler<GetCustomers, IReadOnlyList<CustomerProfile>>
{
    public async Task<IReadOnlyList<CustomerProfile>> Handle(GetCustomers request, CancellationToken ct)
    {
        if (request.Ids.Count == 0) return [];
        await using var session = store.QuerySession(request.Actor.TenantId);
        return await session.LoadManyAsync<CustomerProfile>(request.Ids, ct);
    }
}
