using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hospitality.Domain;
using Hospitality.Domain.GroupOrders;
using Hospitality.Hubs.GroupOrders;
using Hospitality.Hubs.Live;
using MediatR;

namespace Hospitality.Web.GroupOrders;

/// <summary>
/// One open socket of seed 001's protocol: a guest's phone in one room. It gets <c>sync</c> first, then every change of the
/// room made on any server (from the live feed, each message its own text frame, in order; a message the phone has
/// already seen in a sync is not sent again). What the phone sends becomes one room action; a refusal, a malformed,
/// oversized or too frequent message is answered with an <c>error</c> message and changes nothing.
/// </summary>
internal sealed partial class PartyConnection(WebSocket socket, RoomGuest guest, RoomView room, IServiceProvider services)
{
    /// <summary>The largest message a room reads; larger ones are refused with a reason (as on the hub).</summary>
    public const int MaxMessageBytes = RoomHubFilter.MaxMessageBytes;

    /// <summary>Above this a message is not even read to its end: the socket is closed (1009).</summary>
    public const int MaxReadBytes = RoomHubFilter.MaxTransportBytes;

    private readonly MessageRateLimit _rate = new(services.GetRequiredService<TimeProvider>());
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger = services.GetRequiredService<ILogger<PartyConnection>>();
    private long _seen;   // the room version this phone has seen, guarded by _sending

    public async Task RunAsync(CancellationToken ct)
    {
        var presence = services.GetRequiredService<RoomPresenceTracker>();
        var connectionId = $"party/{Guid.NewGuid():N}";
        var subscription = services.GetRequiredService<ILiveFeed>().Subscribe(RoomTopics.Feed(guest.TenantId, guest.RoomId), ForwardAsync);
        try
        {
            await presence.EnterAsync(connectionId, guest, reason => CloseAsync(WebSocketCloseStatus.PolicyViolation, reason, CancellationToken.None), ct);
            await SyncAsync(ct);
            _synced.TrySetResult();
            await ReceiveAsync(ct);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The phone went away without closing; presence is cleared below.
        }
        finally
        {
            subscription.Dispose();
            _synced.TrySetResult();
            await presence.LeaveAsync(connectionId);
        }
    }

    private async Task ReceiveAsync(CancellationToken ct)
    {
        var message = new byte[MaxMessageBytes];
        var discard = new byte[4096];
        while (socket.State == WebSocketState.Open)
        {
            int kept = 0, total = 0;
            ValueWebSocketReceiveResult frame;
            do
            {
                // What does not fit is read into a scratch buffer and dropped: memory per socket stays fixed.
                frame = await socket.ReceiveAsync(kept < message.Length ? message.AsMemory(kept) : discard, ct);
                if (frame.MessageType == WebSocketMessageType.Close)
                {
                    await CloseAsync(WebSocketCloseStatus.NormalClosure, null, ct);
                    return;
                }
                if (kept < message.Length) kept += frame.Count;
                total += frame.Count;
                if (total > MaxReadBytes)
                {
                    await CloseAsync(WebSocketCloseStatus.MessageTooBig, $"Messages over {MaxReadBytes:N0} bytes close the room.", ct);
                    return;
                }
            } while (!frame.EndOfMessage);
            await HandleAsync(frame.MessageType, message.AsMemory(0, kept), total, ct);
        }
    }

    private async Task HandleAsync(WebSocketMessageType kind, ReadOnlyMemory<byte> utf8, int size, CancellationToken ct)
    {
        PartyMessage? message = null;
        try
        {
            if (!_rate.TryTake()) throw DomainException.Conflict(MessageRateLimit.Refusal);
            if (size > MaxMessageBytes) throw DomainException.Invalid(RoomHubFilter.TooLarge(size));
            if (kind != WebSocketMessageType.Text) throw DomainException.Invalid("Send messages as JSON text.");
            message = PartyMessage.Parse(utf8.Span);
            PartyActions.Check(message, guest);
            if (message.Type == PartyMessage.SyncRequest)
            {
                await SyncAsync(ct);
                return;
            }
            await using var scope = services.CreateAsyncScope();
            var action = await scope.ServiceProvider.GetRequiredService<PartyActions>().ActionOfAsync(message, guest, room, ct);
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ActInRoom(guest, action), ct);
            // A join is answered with the room, so the phone hears back also when the guest was in it already (the owner is, from the start).
            if (action is RoomAction.Join) await SyncAsync(ct);
        }
        catch (DomainException e)
        {
            await SendAsync(RoomMessages.Failure(e.Message, message?.Type), ct);
        }
        catch (Exception e) when (e is not (OperationCanceledException or WebSocketException))
        {
            LogMessageFailed(_logger, e, guest.RoomId, message?.Type);
            await SendAsync(RoomMessages.Failure("That message could not be handled; ask for sync to see the room as it is.", message?.Type), ct);
        }
    }

    /// <summary>Sends the whole room; when a newer change reached the phone meanwhile, reads the room again rather than send it back in time.</summary>
    private async Task SyncAsync(CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var scope = services.CreateAsyncScope();
            var now = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetRoomAsGuest(guest), ct);
            if (await SendAsync([Node(RoomMessages.Whole(RoomMessages.Sync, now, null))], ct) > 0) return;
        }
    }

    /// <summary>The live feed's updates of this room (handlers run one at a time, in publish order).</summary>
    private async Task ForwardAsync(LiveUpdate update)
    {
        await _synced.Task;
        if (socket.State != WebSocketState.Open) return;
        try
        {
            if (update.IsResync) await SyncAsync(CancellationToken.None);
            else if (update is { Kind: RoomTopics.FeedKind, Payload: { } payload })
                await SendAsync([.. JsonNode.Parse(payload)!.AsArray().Select(m => m!)], CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException or DomainException)
        {
            // The phone is gone, or its link stopped admitting it: its next message is refused with the reason.
        }
    }

    private Task SendAsync(RoomMessage error, CancellationToken ct) => SendAsync([Node(error)], ct, always: true);

    /// <summary>Sends each message as its own text frame, skipping what this phone has already seen; returns how many were sent.</summary>
    private async Task<int> SendAsync(IReadOnlyList<JsonNode> messages, CancellationToken ct, bool always = false)
    {
        await _sending.WaitAsync(ct);
        try
        {
            var sent = 0;
            foreach (var message in messages)
            {
                var version = (long?)message["version"] ?? 0;
                // A whole room (sync, presence) at the version seen is news; a single change at it is a repeat.
                var wholeRoom = message["state"] is not null && (string?)message["type"] is RoomMessages.Sync or RoomMessages.Presence;
                if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) break;
                if (!always && (wholeRoom ? version < _seen : version <= _seen)) continue;
                _seen = Math.Max(_seen, version);
                await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, ct);
                sent++;
            }
            return sent;
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Closing is a send: it waits for a frame being sent to the phone to finish.</summary>
    private async Task CloseAsync(WebSocketCloseStatus status, string? reason, CancellationToken ct)
    {
        await _sending.WaitAsync(ct);
        try
        {
            await socket.CloseOutputAsync(status, reason, ct);
        }
        finally
        {
            _sending.Release();
        }
    }

    private static JsonNode Node(RoomMessage message) => JsonSerializer.SerializeToNode(message, RoomMessages.Json)!;

    [LoggerMessage(Level = LogLevel.Error, Message = "A {MessageType} message on the seed's socket of order room {RoomId} failed")]
    private static partial void LogMessageFailed(ILogger logger, Exception exception, Guid roomId, string? messageType);
}
