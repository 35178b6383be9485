using Hospitality.EventStore;

namespace Hospitality.Domain.GroupOrders;

/// <summary>
/// One open connection (a phone's page or socket) in a room, on one server. Not an event: presence is a fact of the
/// moment, kept as a document every server can read, renewed by its server and ignored once it is older than
/// <see cref="RoomPresence.Lifetime"/> (so a server that dies takes its guests out of the room within that time).
/// </summary>
public sealed record RoomPresenceEntry(string Id, Guid RoomId, string CustomerId, DateTimeOffset SeenAt);

/// <summary>Who has a room open right now, on any server.</summary>
public interface IRoomPresence
{
    Task<IReadOnlySet<string>> PresentAsync(string tenantId, Guid roomId, CancellationToken ct = default);
}

/// <summary>Presence kept in the store: each connection writes its entry when it opens, renews it, and deletes it when it closes.</summary>
public sealed class RoomPresence(IDocumentStore store, TimeProvider clock) : IRoomPresence
{
    /// <summary>How long an entry counts without being renewed; servers renew theirs at a third of this.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(90);

    public static string EntryId(Guid roomId, string connectionId) => $"{roomId:N}/{connectionId}";

    public async Task<IReadOnlySet<string>> PresentAsync(string tenantId, Guid roomId, CancellationToken ct = default)
    {
        var since = clock.GetUtcNow() - Lifetime;
        await using var session = store.QuerySession(tenantId);
        var entries = await session.Query<RoomPresenceEntry>().Where(e => e.RoomId == roomId && e.SeenAt > since).ToListAsync(ct);
        return entries.Select(e => e.CustomerId).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Writes (or renews) these connections' entries, all of one tenant, in one commit.</summary>
    public async Task EnterAsync(string tenantId, IReadOnlyCollection<(Guid RoomId, string ConnectionId, string CustomerId)> connections, CancellationToken ct = default)
    {
        if (connections.Count == 0) return;
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession(tenantId);
        session.Store([.. connections.Select(c => new RoomPresenceEntry(EntryId(c.RoomId, c.ConnectionId), c.RoomId, c.CustomerId, now))]);
        await session.SaveChangesAsync(ct);
    }

    public async Task LeaveAsync(string tenantId, Guid roomId, string connectionId, CancellationToken ct = default)
    {
        await using var session = store.LightweightSession(tenantId);
        session.Delete<RoomPresenceEntry>(EntryId(roomId, connectionId));
        await session.SaveChangesAsync(ct);
    }
}
