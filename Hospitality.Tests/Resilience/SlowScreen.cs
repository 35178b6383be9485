using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace Hospitality.Tests.Resilience;

/// <summary>
/// A hub client on a raw TCP socket with a small receive window that reads only when told to: a screen on a
/// bad network, or a frozen app, whose unread pushes back up into the server.
/// </summary>
public sealed class SlowScreen : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly Socket _socket;
    private readonly WebSocket _webSocket;
    private readonly StringBuilder _text = new();

    private SlowScreen(Socket socket, WebSocket webSocket) => (_socket, _webSocket) = (socket, webSocket);

    /// <summary>Pushes read so far.</summary>
    public int Pushes { get; private set; }

    /// <summary>Whether the server closed the connection.</summary>
    public bool Closed { get; private set; }

    /// <summary>Connects with a display token, completes the handshake and subscribes to <paramref name="locationId"/>.</summary>
    public static async Task<SlowScreen> SubscribeAsync(int port, string token, string locationId)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(IPAddress.Loopback, port);
        var stream = new NetworkStream(socket, ownsSocket: false);
        var key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"GET /hubs/sessions?access_token={Uri.EscapeDataString(token)} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n" +
            $"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        var head = await ReadHeadAsync(stream);
        if (!head.StartsWith("HTTP/1.1 101")) throw new InvalidOperationException($"WebSocket upgrade refused: {head}");

        var screen = new SlowScreen(socket, WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { KeepAliveInterval = TimeSpan.Zero }));
        await screen.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        await screen.ReadRecordAsync();   // handshake answer
        await screen.SendAsync($"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"Subscribe\",\"arguments\":[\"{locationId}\"]}}");
        while (await screen.ReadRecordAsync() is { } record && !record.Contains("\"invocationId\":\"1\"")) { }
        return screen;
    }

    /// <summary>
    /// Reads the next push (skipping pings); false once the server has closed the connection. Takes no
    /// cancellation token: cancelling a WebSocket receive aborts the socket, which would look like a server close.
    /// </summary>
    public async Task<bool> ReadOnePushAsync()
    {
        while (await ReadRecordAsync() is { } record)
        {
            if (record.StartsWith("{\"type\":1,")) { Pushes++; return true; }
            if (record.StartsWith("{\"type\":7")) break;   // the server's close message
        }
        Closed = true;
        return false;
    }

    private async Task<string?> ReadRecordAsync(CancellationToken ct = default)
    {
        var buffer = new byte[4096];
        while (true)
        {
            var text = _text.ToString();
            var end = text.IndexOf(RecordSeparator);
            if (end >= 0)
            {
                _text.Remove(0, end + 1);
                return text[..end];
            }
            try
            {
                var read = await _webSocket.ReceiveAsync(buffer, ct);
                if (read.MessageType == WebSocketMessageType.Close) return null;
                _text.Append(Encoding.UTF8.GetString(buffer, 0, read.Count));
            }
            catch (Exception e) when (e is WebSocketException or IOException) { return null; }
        }
    }

    private Task SendAsync(string json) =>
        _webSocket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<string> ReadHeadAsync(Stream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n") && await stream.ReadAsync(one) == 1) head.Append((char)one[0]);
        return head.ToString();
    }

    public ValueTask DisposeAsync()
    {
        _webSocket.Abort();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
