using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Hospitality.Tests.Infrastructure;

/// <summary>
/// A SignalR client speaking the JSON hub protocol over a WebSocket. The .NET SignalR client is not in our
/// package feed; this covers what tests need: invoke with a result or error, and receive server pushes.
/// </summary>
public sealed class HubTestClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly WebSocket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, TaskCompletionSource<JsonObject>> _pending = [];
    private readonly Channel<(string Target, JsonArray Arguments)> _pushes = Channel.CreateUnbounded<(string, JsonArray)>();
    private readonly Task _reader;
    private readonly TaskCompletionSource<string?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextId;

    /// <summary>Completes when the server closes the connection, with the error it gave (null for none).</summary>
    public Task<string?> Closed => _closed.Task;

    /// <summary>Sends one record as written, for tests of what the server does with bad messages.</summary>
    public Task SendRawAsync(string json) => SendAsync(_socket, json, _stop.Token);

    private HubTestClient(WebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>Connects a raw WebSocket (from TestServer or a ClientWebSocket) and completes the handshake.</summary>
    public static async Task<HubTestClient> ConnectAsync(WebSocket socket, CancellationToken ct = default)
    {
        await SendAsync(socket, "{\"protocol\":\"json\",\"version\":1}", ct);
        var handshake = await ReadRecordAsync(socket, new StringBuilder(), ct);
        var error = JsonNode.Parse(handshake ?? "{}")?["error"];
        if (error is not null) throw new InvalidOperationException($"Handshake refused: {error}");
        return new HubTestClient(socket);
    }

    /// <summary>Invokes a hub method; returns its result, or throws <see cref="HubCallFailed"/> with the server's message.</summary>
    public async Task<JsonNode?> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref _nextId).ToString();
        var completion = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending) _pending[id] = completion;
        var message = new JsonObject
        {
            ["type"] = 1, ["invocationId"] = id, ["target"] = target,
            ["arguments"] = JsonSerializer.SerializeToNode(arguments, JsonSerializerOptions.Web),
        };
        await SendAsync(_socket, message.ToJsonString(), _stop.Token);
        var result = await completion.Task.WaitAsync(TimeSpan.FromSeconds(15));
        if (result["error"] is { } error) throw new HubCallFailed(error.GetValue<string>());
        return result["result"];
    }

    /// <summary>Waits for the next push of <paramref name="target"/>, skipping others.</summary>
    public async Task<JsonArray> NextPushAsync(string target, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var (name, args) = await _pushes.Reader.ReadAsync(cts.Token);
            if (name == target) return args;
        }
    }

    /// <summary>Waits for the next push of any of <paramref name="targets"/>, skipping others; returns which one it was.</summary>
    public async Task<(string Target, JsonArray Arguments)> NextPushOfAsync(IReadOnlyCollection<string> targets, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var push = await _pushes.Reader.ReadAsync(cts.Token);
            if (targets.Contains(push.Target)) return push;
        }
    }

    /// <summary>Whether a push of <paramref name="target"/> arrives within <paramref name="window"/>.</summary>
    public async Task<bool> ReceivesPushAsync(string target, TimeSpan window)
    {
        try { await NextPushAsync(target, window); return true; }
        catch (OperationCanceledException) { return false; }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new StringBuilder();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var record = await ReadRecordAsync(_socket, buffer, _stop.Token);
                if (record is null) break;
                var message = JsonNode.Parse(record)!.AsObject();
                switch ((int)message["type"]!)
                {
                    case 1: await _pushes.Writer.WriteAsync((message["target"]!.GetValue<string>(), message["arguments"]!.AsArray())); break;
                    case 3:
                        TaskCompletionSource<JsonObject>? pending;
                        lock (_pending) _pending.Remove(message["invocationId"]!.GetValue<string>(), out pending);
                        pending?.TrySetResult(message);
                        break;
                    case 7: _closed.TrySetResult(message["error"]?.GetValue<string>()); return;  // close
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested || _socket.State != WebSocketState.Open) { }
        finally
        {
            _pushes.Writer.TryComplete();
            _closed.TrySetResult(null);
            lock (_pending) foreach (var p in _pending.Values) p.TrySetException(new IOException("The hub connection closed."));
        }
    }

    private static async Task<string?> ReadRecordAsync(WebSocket socket, StringBuilder buffer, CancellationToken ct)
    {
        var bytes = new byte[8192];
        while (true)
        {
            var text = buffer.ToString();
            var end = text.IndexOf(RecordSeparator);
            if (end >= 0)
            {
                buffer.Remove(0, end + 1);
                return text[..end];
            }
            var read = await socket.ReceiveAsync(bytes, ct);
            if (read.MessageType == WebSocketMessageType.Close) return null;
            // A decoder per buffer keeps a multi-byte character split across frames intact.
            var decoder = Decoders.GetValue(buffer, _ => Encoding.UTF8.GetDecoder());
            var chars = new char[Encoding.UTF8.GetMaxCharCount(read.Count)];
            buffer.Append(chars, 0, decoder.GetChars(bytes, 0, read.Count, chars, 0));
        }
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<StringBuilder, Decoder> Decoders = new();

    private static Task SendAsync(WebSocket socket, string json, CancellationToken ct) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, ct);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None); } catch (Exception) { }
        try { await _reader; } catch (Exception) { }
        _socket.Dispose();
    }
}

public sealed class HubCallFailed(string message) : Exception(message);
