using Hospitality.Domain;
using Hospitality.Domain.Common;
using Hospitality.Domain.Customers;
using Hospitality.Domain.Sessions;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Web.Customers;

/// <summary>
/// The loyalty of each guest on one page of the guest list, counted as <see cref="GetCustomer"/> counts it (every
/// lounge session of theirs). Ids come from <see cref="FindCustomers"/>, which already left out guests the actor may not see.
/// </summary>
public sealed record GetGuestTiers(Actor Actor, IReadOnlyCollection<string> CustomerIds) : IRequest<IReadOnlyDictionary<string, CustomerLoyalty>>;

public sealed class GuestTierQuery(IDocumentStore store) : IRequestHandler<GetGuestTiers, IReadOnlyDictionary<string, CustomerLoyalty>>
{
    public async Task<IReadOnlyDictionary<string, CustomerLoyalty>> Handle(GetGuestTiers request, CancellationToken ct)
    {
        if (request.CustomerIds.Count > CustomerQueries.MaxPageSize)
            throw DomainException.Invalid($"Tiers are counted for at most {CustomerQueries.MaxPageSize} guests at once.");
        await using var session = store.QuerySession(request.Actor.TenantId);
        var tiers = new Dictionary<string, CustomerLoyalty>();
        // One count per guest rather than loading their cards: a regular has hundreds, and only the number matters.
        foreach (var id in request.CustomerIds.Distinct())
            tiers[id] = CustomerLoyalty.From(await session.Query<SessionCard>().Where(c => c.CustomerId == id).CountAsync(ct), null);
        return tiers;
    }
}

public static class GuestPagesSetup
{
    /// <summary>What the staff guest pages need beyond the guest book itself (<c>AddSessions</c> registers that).</summary>
    public static IServiceCollection AddGuestPages(this IServiceCollection services) =>
        services.AddTransient<IRequestHandler<GetGuestTiers, IReadOnlyDictionary<string, CustomerLoyalty>>, GuestTierQuery>();
}
