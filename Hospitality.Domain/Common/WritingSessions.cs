using Hospitality.EventStore;

namespace Hospitality.Domain.Common;

/// <summary>One way for a handler to open a session that writes: who acts goes into the events' metadata, with the trace.</summary>
public static class WritingSessions
{
    /// <param name="by">The acting name written into event metadata (a display name, "device:…", "guest:…"; never an email or phone).</param>
    public static IDocumentSession Writing(this IDocumentStore store, string tenantId, string by)
    {
        var session = store.LightweightSession(tenantId);
        session.LastModifiedBy = by;
        session.CorrelationId = System.Diagnostics.Activity.Current?.TraceId.ToString();
        return session;
    }

    public static IDocumentSession Writing(this IDocumentStore store, Actor actor) => store.Writing(actor.TenantId, actor.Name);

    /// <summary>Commits; a concurrent change of what the session read becomes a 409 saying <paramref name="conflict"/>, and nothing is written.</summary>
    public static async Task SaveOrConflictAsync(this IDocumentSession session, string conflict, CancellationToken ct = default)
    {
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException)
        {
            throw DomainException.Conflict(conflict);
        }
    }
}
