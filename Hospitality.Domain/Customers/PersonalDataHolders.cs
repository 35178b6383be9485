using Hospitality.Domain.Sessions;
using Hospitality.EventStore;

namespace Hospitality.Domain.Customers;

/// <summary>
/// Something outside the guest's own stream that may quote their personal data (a card's name, a stored answer to a
/// repeated request). Erasure asks each one to forget the guest in the same transaction that destroys their key, so
/// an erased guest leaves nothing readable behind. A feature that keeps such copies registers one of these.
/// </summary>
public interface IPersonalDataHolder
{
    Task ForgetAsync(IDocumentSession session, string customerId, CancellationToken ct);
}

/// <summary>Cards showed the guest's name: they keep counting the visit, without the name.</summary>
public sealed class SessionCardNames : IPersonalDataHolder
{
    public async Task ForgetAsync(IDocumentSession session, string customerId, CancellationToken ct)
    {
        foreach (var card in await session.Query<SessionCard>().Where(c => c.CustomerId == customerId).ToListAsync(ct))
            session.Store(card with { CustomerName = null });
    }
}
