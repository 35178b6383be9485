using Hospitality.Domain.Common;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Customers;

/// <summary>
/// One look at a guest's profile by staff: who, where, what for, when. Changes are already in the guest's events
/// with their author; reads are recorded here. Holds no personal data, so it outlives erasure.
/// </summary>
public sealed record ProfileAccess(string Id, string CustomerId, string By, string? LocationId, string Purpose, DateTimeOffset At);

/// <summary>Who looked at a guest, newest first (managers).</summary>
public sealed record GetProfileAccessLog(Actor Actor, string CustomerId, int Limit = 100) : IRequest<IReadOnlyList<ProfileAccess>>;

internal static class ProfileAccessLog
{
    /// <summary>An open page reloads when the guest changes: one entry per person, purpose and few minutes is enough.</summary>
    public static readonly TimeSpan SameLook = TimeSpan.FromMinutes(5);

    public static async Task RecordAsync(IDocumentStore store, Actor actor, string customerId, string purpose, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = now - SameLook;
        await using var session = store.LightweightSession(actor.TenantId);
        if (await session.Query<ProfileAccess>()
                .Where(a => a.CustomerId == customerId && a.By == actor.Name && a.Purpose == purpose && a.At > since).AnyAsync(ct))
            return;
        session.Insert(new ProfileAccess(Guid.NewGuid().ToString(), customerId, actor.Name, actor.LocationId, purpose, now));
        await session.SaveChangesAsync(ct);
    }

    public static Task<IReadOnlyList<ProfileAccess>> ReadAsync(IQuerySession session, string customerId, int limit, CancellationToken ct) =>
        session.Query<ProfileAccess>().Where(a => a.CustomerId == customerId).OrderByDescending(a => a.At).Take(limit).ToListAsync(ct);
}
