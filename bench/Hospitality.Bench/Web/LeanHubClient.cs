using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Hospitality.Bench.Web;

/// <summary>Reads a pushed document's id and one number (its version by default) from a hub or backplane JSON message without materializing it.</summary>
public static class CardStamp
{
    public static bool TryRead(ReadOnlySpan<byte> json, out Guid id, out long version) => TryRead(json, "version"u8, out id, out version);

    /// <summary>The first argument's <c>id</c> and <paramref name="number"/> (properties of the object at depth 2).</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, ReadOnlySpan<byte> number, out Guid id, out long value)
    {
        id = default;
        value = -1;
        var reader = new Utf8JsonReader(json);
        var inCard = false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 2) inCard = true;
            if (!inCard || reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 3) continue;
            if (reader.ValueTextEquals("id"u8)) { reader.Read(); id = reader.GetGuid(); }
            else if (reader.ValueTextEquals(number)) { reader.Read(); value = reader.GetInt64(); }
            if (id != default && value >= 0) return true;
        }
        return false;
    }
}

/// <summary>A push the client received: the invocation's target and the whole JSON record (valid only during the call).</summary>
public delegate void HubPush(ReadOnlySpan<byte> target, ReadOnlySpan<byte> record);

/// <summary>
/// A deliberately small SignalR JSON-protocol client for load: one ClientWebSocket, one read loop, one reusable
/// receive buffer, and no allocation per pushed message beyond what the runtime's WebSocket does. It knows the
/// handshake, invocations (answered with the error or nothing: results are not read), pings, and pushes, which it
/// hands to <see cref="OnPush"/> with their target for the caller to read with a Utf8JsonReader.
/// </summary>
public sealed class LeanHubClient : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");
    private readonly ClientWebSocket _socket = new();
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<string?>> _calls = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private byte[] _buffer = new byte[4096];
    private int _nextCall;
    private Task? _reader;

    /// <summary>Called on the read loop for every invocation the server sends.</summary>
    public required HubPush OnPush { get; init; }

    /// <summary>Called once when the connection ends unexpectedly.</summary>
    public Action<string>? OnError { get; init; }

    public int Server { get; init; }
    public bool Open => _socket.State == WebSocketState.Open;

    /// <summary>Connects and completes the handshake, signed in with <paramref name="accessToken"/> and/or a staff <paramref name="cookie"/> header.</summary>
    public async Task ConnectAsync(Uri hub, string? accessToken, CancellationToken ct, string? cookie = null)
    {
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;   // SignalR pings are ours to send
        if (cookie is not null) _socket.Options.SetRequestHeader("Cookie", cookie);
        await _socket.ConnectAsync(accessToken is null ? hub : new Uri($"{hub}?access_token={Uri.EscapeDataString(accessToken)}"), ct);
        await _socket.SendAsync(Handshake, WebSocketMessageType.Text, true, ct);
        _reader = Task.Run(ReadLoopAsync, CancellationToken.None);
        await _handshake.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
    }

    /// <summary>Invokes <paramref name="target"/> with <paramref name="argumentsJson"/> (a JSON array); answers the hub's error, or null when it succeeded.</summary>
    public async Task<string?> InvokeAsync(string target, string argumentsJson, CancellationToken ct)
    {
        var id = Interlocked.Increment(ref _nextCall);
        var answer = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _calls[id] = answer;
        var invocation = Encoding.UTF8.GetBytes($"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":\"{target}\",\"arguments\":{argumentsJson}}}\u001e");
        try
        {
            await SendAsync(invocation, ct);
            return await answer.Task.WaitAsync(ct);
        }
        finally { _calls.TryRemove(id, out _); }
    }

    /// <summary><c>Subscribe(locationId)</c> on the sessions or devices hub (null: every location the caller reaches).</summary>
    public async Task SubscribeAsync(string? locationId, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        if (await InvokeAsync("Subscribe", locationId is null ? "[null]" : $"[\"{locationId}\"]", timeout.Token) is { } error)
            throw new InvalidOperationException($"Subscribe({locationId}) was refused: {error}");
    }

    public Task PingAsync(CancellationToken ct) => Open ? SendAsync(Ping, ct) : Task.CompletedTask;

    /// <summary>Pings every client every 10 s until cancelled, as a SignalR client does, so idle ones stay connected.</summary>
    public static async Task KeepAliveAsync(IReadOnlyList<LeanHubClient> clients, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            foreach (var client in clients)
                try { await client.PingAsync(ct); } catch (Exception) { }
            try { await Task.Delay(10_000, ct); } catch (OperationCanceledException) { }
        }
    }

    private async Task SendAsync(byte[] message, CancellationToken ct)
    {
        await _sending.WaitAsync(ct);   // one send at a time on a WebSocket
        try { await _socket.SendAsync(message, WebSocketMessageType.Text, true, ct); }
        finally { _sending.Release(); }
    }

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

    // The server writes "type" first, then "target" (invocations) or "invocationId" and "error"/"result" (completions).
    private void Handle(ReadOnlySpan<byte> record)
    {
        if (!_handshake.Task.IsCompleted)
        {
            if (record.IndexOf("error"u8) >= 0) _handshake.TrySetException(new InvalidOperationException(Encoding.UTF8.GetString(record)));
            else _handshake.TrySetResult();
            return;
        }
        var reader = new Utf8JsonReader(record);
        var type = 0;
        TaskCompletionSource<string?>? call = null;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1) continue;
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.GetInt32();
                if (type == 6) return;
                if (type == 7) { Fail("close message from the server"); return; }
            }
            else if (type == 1 && reader.ValueTextEquals("target"u8))
            {
                reader.Read();
                OnPush(reader.ValueSpan, record);
                return;
            }
            else if (type == 3 && reader.ValueTextEquals("invocationId"u8))
            {
                reader.Read();
                _calls.TryGetValue(int.Parse(reader.GetString()!, CultureInfo.InvariantCulture), out call);
                if (call is null) return;
            }
            else if (call is not null && reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                call.TrySetResult(reader.GetString() ?? "error");
                return;
            }
            else if (call is not null && reader.ValueTextEquals("result"u8)) break;
        }
        call?.TrySetResult(null);
    }

    private int _failed;

    private void Fail(string why)
    {
        _handshake.TrySetException(new InvalidOperationException(why));
        foreach (var call in _calls.Values) call.TrySetResult($"connection lost: {why}");
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
        _sending.Dispose();
    }
}
