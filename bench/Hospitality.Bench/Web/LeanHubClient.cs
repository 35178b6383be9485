using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Hospitality.Bench.Web;

/// <summary>Reads a pushed session card's id and version from a hub or backplane JSON message without materializing it.</summary>
public static class CardStamp
{
    public static bool TryRead(ReadOnlySpan<byte> json, out Guid id, out long version)
    {
        id = default;
        version = -1;
        var reader = new Utf8JsonReader(json);
        var inCard = false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 2) inCard = true;
            if (!inCard || reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 3) continue;
            if (reader.ValueTextEquals("id"u8)) { reader.Read(); id = reader.GetGuid(); }
            else if (reader.ValueTextEquals("version"u8)) { reader.Read(); version = reader.GetInt64(); }
            if (id != default && version >= 0) return true;
        }
        return false;
    }
}

/// <summary>
/// A deliberately small SignalR JSON-protocol client for load: one ClientWebSocket, one read loop, one reusable
/// receive buffer, and no allocation per pushed message beyond what the runtime's WebSocket does. It only knows
/// the handshake, one invocation (Subscribe), pings, and pushes of one target, whose card id and version it reads
/// with a Utf8JsonReader and hands to <see cref="OnCard"/>.
/// </summary>
public sealed class LeanHubClient : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");
    private static readonly byte[] TargetName = Encoding.UTF8.GetBytes("SessionChanged");
    private readonly ClientWebSocket _socket = new();
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] _buffer = new byte[4096];
    private Task? _reader;

    /// <summary>Called on the read loop with the card's session id and version.</summary>
    public required Action<Guid, long> OnCard { get; init; }

    /// <summary>Called once when the connection ends unexpectedly.</summary>
    public Action<string>? OnError { get; init; }

    public int Server { get; init; }
    public bool Open => _socket.State == WebSocketState.Open;

    public async Task ConnectAsync(Uri hub, string accessToken, CancellationToken ct)
    {
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;   // SignalR pings are ours to send
        await _socket.ConnectAsync(new Uri($"{hub}?access_token={Uri.EscapeDataString(accessToken)}"), ct);
        await _socket.SendAsync(Handshake, WebSocketMessageType.Text, true, ct);
        _reader = Task.Run(ReadLoopAsync, CancellationToken.None);
        await _handshake.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
    }

    public async Task SubscribeAsync(string locationId, CancellationToken ct)
    {
        var invocation = Encoding.UTF8.GetBytes($"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"Subscribe\",\"arguments\":[\"{locationId}\"]}}\u001e");
        await _socket.SendAsync(invocation, WebSocketMessageType.Text, true, ct);
        if (!await _subscribed.Task.WaitAsync(TimeSpan.FromSeconds(30), ct))
            throw new InvalidOperationException($"Subscribe({locationId}) was refused.");
    }

    public Task PingAsync(CancellationToken ct) =>
        Open ? _socket.SendAsync(Ping, WebSocketMessageType.Text, true, ct) : Task.CompletedTask;

    private async Task ReadLoopAsync()
    {
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
                var read = await _socket.ReceiveAsync(_buffer.AsMemory(filled), CancellationToken.None);
                if (read.MessageType == WebSocketMessageType.Close) { Fail("closed by the server"); return; }
                filled += read.Count;
                var start = 0;
                int end;
                while ((end = Array.IndexOf(_buffer, RecordSeparator, start, filled - start)) >= 0)
                {
                    Handle(_buffer.AsSpan(start, end - start));
                    start = end + 1;
                }
                if (start > 0)
                {
                    Buffer.BlockCopy(_buffer, start, _buffer, 0, filled - start);
                    filled -= start;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            Fail(e.Message);
        }
    }

    private void Handle(ReadOnlySpan<byte> record)
    {
        if (!_handshake.Task.IsCompleted)
        {
            if (record.IndexOf("error"u8) >= 0) _handshake.TrySetException(new InvalidOperationException(Encoding.UTF8.GetString(record)));
            else _handshake.TrySetResult();
            return;
        }
        var reader = new Utf8JsonReader(record);
        int type = 0;
        bool ours = false, inCard = false;
        Guid id = default;
        long version = -1;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 2) inCard = true;
            if (reader.TokenType != JsonTokenType.PropertyName) continue;
            if (reader.CurrentDepth == 1)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    type = reader.GetInt32();
                    if (type == 3) { _subscribed.TrySetResult(record.IndexOf("\"error\":"u8) < 0); return; }
                    if (type == 6) return;
                    if (type == 7) break;
                }
                else if (reader.ValueTextEquals("target"u8)) { reader.Read(); ours = reader.ValueTextEquals(TargetName); }
            }
            else if (inCard && ours && reader.CurrentDepth == 3)
            {
                if (reader.ValueTextEquals("id"u8)) { reader.Read(); id = reader.GetGuid(); }
                else if (reader.ValueTextEquals("version"u8)) { reader.Read(); version = reader.GetInt64(); }
                if (id != default && version >= 0) { OnCard(id, version); return; }
            }
        }
        if (type == 7) Fail("close message from the server");
    }

    private int _failed;

    private void Fail(string why)
    {
        _handshake.TrySetException(new InvalidOperationException(why));
        _subscribed.TrySetResult(false);
        if (Interlocked.Exchange(ref _failed, 1) == 0) OnError?.Invoke(why);
    }

    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _failed, 1);
        try
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, new CancellationTokenSource(2000).Token);
        }
        catch (Exception) { }
        _socket.Abort();
        if (_reader is not null) try { await _reader.WaitAsync(TimeSpan.FromSeconds(2)); } catch (Exception) { }
        _socket.Dispose();
    }
}
