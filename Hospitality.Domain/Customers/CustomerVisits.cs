using Hospitality.Domain.Sessions;
using Hospitality.EventStore;

namespace Hospitality.Domain.Customers;

/// <summary>
/// A guest's visits, counted from the events that are visits (lounge sessions now, orders once they exist). Holds no
/// personal data, so the count survives erasure.
/// </summary>
public sealed record CustomerVisits(string Id, int Visits, DateTimeOffset? LastVisitAt)
{
    public LoyaltyTier Tier => CustomerLoyalty.From(Visits, LastVisitAt).Tier;
}

/// <summary>Counts visits inline, in the session's own transaction; registered before the card projection, which shows the tier.</summary>
public sealed class CustomerVisitsProjection : IProjection
{
    public string Name => "customer-visits";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<StreamAction> streams, CancellationToken ct)
    {
        foreach (var visit in streams.SelectMany(s => s.Events).Select(e => e.Data).OfType<SessionStarted>().Where(s => s.CustomerId is not null))
        {
            var visits = await operations.LoadAsync<CustomerVisits>(visit.CustomerId!, ct) ?? new CustomerVisits(visit.CustomerId!, 0, null);
            operations.Store(visits with
            {
                Visits = visits.Visits + 1,
                LastVisitAt = visits.LastVisitAt is { } last && last > visit.At ? last : visit.At,
            });
        }
    }
}
