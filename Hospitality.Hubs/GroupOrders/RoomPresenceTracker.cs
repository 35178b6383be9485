using System.Collections.Concurrent;
using Hospitality.Domain.GroupOrders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hospitality.Hubs.GroupOrders;

/// <summary>
/// This server's open room connections (hub connections, the seed's sockets, phone pages): each is written to the shared
/// presence (<see cref="RoomPresence"/>) when it opens and removed when it closes, and renewed every
/// <see cref="RenewEvery"/> while it stays open, so every server sees who is in a room. Each change is pushed to the room.
/// </summary>
public sealed partial class RoomPresenceTracker(RoomPresence presence, RoomPublisher publisher, ILogger<RoomPresenceTracker> logger) : BackgroundService
{
    public static readonly TimeSpan RenewEvery = RoomPresence.Lifetime / 3;

    private readonly ConcurrentDictionary<string, RoomGuest> _open = new();

    /// <summary>A connection opened the room. <paramref name="connectionId"/> is unique on this server.</summary>
    public async Task EnterAsync(string connectionId, RoomGuest guest, CancellationToken ct = default)
    {
        _open[connectionId] = guest;
        await presence.EnterAsync(guest.TenantId, [(guest.RoomId, connectionId, guest.CustomerId)], ct);
        await publisher.PresenceChangedAsync(guest.TenantId, guest.RoomId, ct);
    }

    public async Task LeaveAsync(string connectionId)
    {
        if (!_open.TryRemove(connectionId, out var guest)) return;
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RenewEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var tenant in _open.GroupBy(c => c.Value.TenantId))
            {
                try
                {
                    await presence.EnterAsync(tenant.Key, [.. tenant.Select(c => (c.Value.RoomId, c.Key, c.Value.CustomerId))], stoppingToken);
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
