using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Hospitality.Tests.Infrastructure;

namespace Hospitality.Tests.GroupOrders;

/// <summary>
/// A client of the seed's room socket as a PartyKit client is written: a plain WebSocket, one JSON text frame per message
/// both ways, and the guest's invite link as <c>?token=</c>.
/// </summary>
public sealed class PartyClient : IAsyncDisposable
{
    private readonly WebSocket _socket;
    private readonly Channel<JsonObject> _received = Channel.CreateUnbounded<JsonObject>();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reader;

    private PartyClient(WebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>Completes when the server closes the socket; then <see cref="CloseStatus"/> says how.</summary>
    public Task Closed => _closed.Task;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public static async Task<PartyClient> ConnectAsync(HospitalityHost host, string roomId, string? token)
    {
        var path = $"/parties/collaborative_order/{roomId}" + (token is null ? "" : $"?token={Uri.EscapeDataString(token)}");
        return new PartyClient(await host.Server.CreateWebSocketClient().ConnectAsync(new Uri(host.Server.BaseAddress, path), CancellationToken.None));
    }

    /// <summary>Sends one text frame exactly as written.</summary>
    public Task SendAsync(string json) => _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next message of <paramref name="type"/>, skipping others.</summary>
    public async Task<JsonObject> NextAsync(string type, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var message = await _received.Reader.ReadAsync(cts.Token);
            if ((string?)message["type"] == type) return message;
        }
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[16 * 1024];
        var message = new MemoryStream();
        try
        {
            while (true)
            {
                var frame = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (frame.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, frame.Count);
                if (!frame.EndOfMessage) continue;
                await _received.Writer.WriteAsync(JsonNode.Parse(message.ToArray())!.AsObject());
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
        finally
        {
            _received.Writer.TryComplete();
            _closed.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None); } catch (Exception) { }
        try { await _reader.WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { }
        _socket.Dispose();
    }
}
