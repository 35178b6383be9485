using System.Collections.Concurrent;
using System.Text.Json;
using Hospitality.Domain.GroupOrders;
using Hospitality.Hubs.Live;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hospitality.Hubs.GroupOrders;

/// <summary>
/// This server's open room connections (hub connections, the seed's sockets, phone pages): each is written to the shared
/// presence (<see cref="RoomPresence"/>) when it opens and removed when it closes, and renewed every
/// <see cref="RenewEvery"/> while it stays open, so every server sees who is in a room. Each change is pushed to the room.
/// It also watches the rooms it has connections in: when a connection's invite link is revoked (on any server) or has
/// expired, the connection is closed at once instead of listening on until its next call is refused.
/// </summary>
public sealed partial class RoomPresenceTracker(
    RoomPresence presence, RoomPublisher publisher, ILiveFeed feed, TimeProvider clock, ILogger<RoomPresenceTracker> logger) : BackgroundService
{
    public static readonly TimeSpan RenewEvery = RoomPresence.Lifetime / 3;

    private sealed record Connection(RoomGuest Guest, Func<string, Task>? Close);

    private readonly ConcurrentDictionary<string, Connection> _open = new();
    private readonly Dictionary<string, (IDisposable Subscription, int Connections)> _watched = [];
    private readonly Lock _watching = new();

    /// <summary>A connection opened the room. <paramref name="connectionId"/> is unique on this server.</summary>
    public Task EnterAsync(string connectionId, RoomGuest guest, CancellationToken ct = default) => EnterAsync(connectionId, guest, null, ct);

    /// <param name="close">Closes the connection with the reason given, once its link no longer admits it.</param>
    public async Task EnterAsync(string connectionId, RoomGuest guest, Func<string, Task>? close, CancellationToken ct = default)
    {
        _open[connectionId] = new Connection(guest, close);
        if (close is not null) Watch(guest);
        await presence.EnterAsync(guest.TenantId, [(guest.RoomId, connectionId, guest.CustomerId)], ct);
        await publisher.PresenceChangedAsync(guest.TenantId, guest.RoomId, ct);
    }

    public async Task LeaveAsync(string connectionId)
    {
        if (!_open.TryRemove(connectionId, out var connection)) return;
        var guest = connection.Guest;
        if (connection.Close is not null) Unwatch(guest);
        try
        {
            await presence.LeaveAsync(guest.TenantId, guest.RoomId, connectionId);
            await publisher.PresenceChangedAsync(guest.TenantId, guest.RoomId);
        }
        catch (Exception e)
        {
            LogPresenceFailed(logger, e, guest.RoomId);   // the entry expires by itself
        }
    }

    private void Watch(RoomGuest guest)
    {
        var topic = RoomTopics.Feed(guest.TenantId, guest.RoomId);
        lock (_watching)
        {
            _watched[topic] = _watched.TryGetValue(topic, out var watch)
                ? watch with { Connections = watch.Connections + 1 }
                : (feed.Subscribe(topic, update => CloseRevokedAsync(guest.RoomId, update)), 1);
        }
    }

    private void Unwatch(RoomGuest guest)
    {
        var topic = RoomTopics.Feed(guest.TenantId, guest.RoomId);
        lock (_watching)
        {
            if (!_watched.TryGetValue(topic, out var watch)) return;
            if (watch.Connections > 1)
            {
                _watched[topic] = watch with { Connections = watch.Connections - 1 };
                return;
            }
            _watched.Remove(topic);
            watch.Subscription.Dispose();
        }
    }

    /// <summary>After a change of the room: closes this server's connections whose invite was revoked or has expired.</summary>
    private async Task CloseRevokedAsync(Guid roomId, LiveUpdate update)
    {
        if (update is not { Kind: RoomTopics.FeedKind, Payload: { } payload }) return;
        var state = JsonSerializer.Deserialize<List<RoomMessage>>(payload, RoomMessages.Json)?.LastOrDefault(m => m.State is not null)?.State;
        if (state is null) return;
        var now = clock.GetUtcNow();
        foreach (var (id, connection) in _open.Where(c => c.Value.Guest.RoomId == roomId && c.Value.Close is not null))
        {
            var invite = state.Invites.FirstOrDefault(i => i.Id == connection.Guest.InviteId);
            if (invite is { Revoked: false } && invite.ExpiresAt > now) continue;
            try
            {
                await connection.Close!(invite is { Revoked: true }
                    ? "This invite link was revoked; ask the owner of the room for a new one."
                    : "This invite link has expired; ask the owner of the room for a new one.");
            }
            catch (Exception e)
            {
                LogPresenceFailed(logger, e, roomId);
            }
            await LeaveAsync(id);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RenewEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var tenant in _open.GroupBy(c => c.Value.Guest.TenantId))
            {
                try
                {
                    await presence.EnterAsync(tenant.Key, [.. tenant.Select(c => (c.Value.Guest.RoomId, c.Key, c.Value.Guest.CustomerId))], stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogPresenceFailed(logger, e, Guid.Empty);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update who is in order room {RoomId}")]
    private static partial void LogPresenceFailed(ILogger logger, Exception exception, Guid roomId);
}
