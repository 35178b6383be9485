using System.Collections.Concurrent;
using System.Text.Json;
using Hospitality.Domain.GroupOrders;
using Hospitality.Hubs.Live;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hospitality.Hubs.GroupOrders;

/// <summary>
/// This server's open room connections (hub connections, the seed's sockets, phone pages): each is written to the shared
/// presence (<see cref="RoomPresence"/>) when it opens and removed when it closes, and renewed every
/// <see cref="RenewEvery"/> while it stays open, so every server sees who is in a room. Each change is pushed to the room.
/// It also watches the rooms it has connections in: when a connection's invite link is revoked (on any server), or its
/// guest is removed from the circle, the connection is closed at once instead of listening on until its next call is
/// refused; a link that expires is closed at the next recheck.
/// </summary>
public sealed partial class RoomPresenceTracker(
    RoomPresence presence, RoomPublisher publisher, ILiveFeed feed, IServiceScopeFactory scopes, TimeProvider clock, ILogger<RoomPresenceTracker> logger)
    : BackgroundService
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
            var member = state.People.Any(p => p.CustomerId == connection.Guest.CustomerId && p.Member);
            if (invite is { Revoked: false } && invite.ExpiresAt > now && member) continue;
            await CloseAsync(id, connection, !member ? "You are no longer a member of this circle, so its order room is closed to you."
                : invite is { Revoked: true } ? "This invite link was revoked; ask the owner of the room for a new one."
                : "This invite link has expired; ask the owner of the room for a new one.");
        }
    }

    private async Task CloseAsync(string id, Connection connection, string reason)
    {
        try
        {
            await connection.Close!(reason);
        }
        catch (Exception e)
        {
            LogPresenceFailed(logger, e, connection.Guest.RoomId);
        }
        await LeaveAsync(id);
    }

    /// <summary>
    /// Asks the room again for every connection that can be closed: a link that expired, or a guest removed from the circle,
    /// without any change in the room to tell of it, is closed within <see cref="RenewEvery"/>.
    /// </summary>
    private async Task RecheckAsync(CancellationToken ct)
    {
        foreach (var (id, connection) in _open.Where(c => c.Value.Close is not null))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetRoomAsGuest(connection.Guest), ct);
            }
            catch (Domain.DomainException e) when (e.Kind is Domain.DomainErrorKind.Forbidden or Domain.DomainErrorKind.NotFound)
            {
                await CloseAsync(id, connection, e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPresenceFailed(logger, e, connection.Guest.RoomId);
            }
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
            await RecheckAsync(stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update who is in order room {RoomId}")]
    private static partial void LogPresenceFailed(ILogger logger, Exception exception, Guid roomId);
}
