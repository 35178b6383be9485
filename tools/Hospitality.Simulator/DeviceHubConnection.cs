using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hospitality.Simulator;

/// <summary>Opens a WebSocket to an address: a <see cref="ClientWebSocket"/> normally, a test server's client in tests.</summary>
public delegate Task<WebSocket> WebSocketConnector(Uri address, CancellationToken ct);

/// <summary>
/// A machine's connection to <c>/hubs/devices</c> in SignalR's JSON hub protocol (the .NET SignalR client is not in our
/// package feed). It does what a machine needs: invoke <c>TakeCommands</c>, <c>Acknowledge</c>, <c>Complete</c>, hear
/// <c>CommandsDue</c>, and ping so the server keeps it. Any failure ends it (<see cref="Closed"/>); the driver reconnects.
/// </summary>
public sealed class DeviceHubConnection : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private static readonly TimeSpan PingEvery = TimeSpan.FromSeconds(10);

    private readonly WebSocket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, TaskCompletionSource<JsonNode?>> _calls = [];
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action _commandsDue;
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();   // one per connection: a character split across frames stays whole
    private Task _reading = Task.CompletedTask, _pinging = Task.CompletedTask;
    private int _nextId;

    private DeviceHubConnection(WebSocket socket, Action commandsDue) => (_socket, _commandsDue) = (socket, commandsDue);

    /// <summary>Completes when the connection is gone, whatever the reason.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Connects with the machine's token and completes the handshake; <paramref name="commandsDue"/> runs on each push.</summary>
    public static async Task<DeviceHubConnection> ConnectAsync(WebSocketConnector connect, Uri server, string token, Action commandsDue, CancellationToken ct)
    {
        var scheme = server.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        var address = new UriBuilder(new Uri(server, "hubs/devices")) { Scheme = scheme, Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
        var socket = await connect(address, ct);
        var connection = new DeviceHubConnection(socket, commandsDue);
        try
        {
            await connection.SendAsync(new JsonObject { ["protocol"] = "json", ["version"] = 1 }, ct);
            var handshake = await connection.ReadRecordAsync(new StringBuilder(), ct) ?? throw new WebSocketException("The hub closed during the handshake.");
            if (JsonNode.Parse(handshake)?["error"] is { } error) throw new WebSocketException($"The hub refused the handshake: {error}");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        connection._reading = Task.Run(connection.ReadLoopAsync, CancellationToken.None);
        connection._pinging = Task.Run(connection.PingLoopAsync, CancellationToken.None);
        return connection;
    }

    public async Task<IReadOnlyList<DueCommand>> TakeCommandsAsync(CancellationToken ct) => DueCommand.ListOf(await InvokeAsync("TakeCommands", [], ct));

    public Task AcknowledgeAsync(Guid commandId, CancellationToken ct) => InvokeAsync("Acknowledge", [commandId], ct);

    public Task CompleteAsync(Guid commandId, CommandOutcome outcome, CancellationToken ct) =>
        InvokeAsync("Complete", [commandId, outcome.Success, outcome.Message], ct);

    /// <summary>Invokes a hub method and returns its result; a hub error becomes an <see cref="ApiRefused"/>.</summary>
    private async Task<JsonNode?> InvokeAsync(string target, object?[] arguments, CancellationToken ct)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var call = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_calls) _calls[id] = call;
        await SendAsync(new JsonObject
        {
            ["type"] = 1, ["invocationId"] = id, ["target"] = target,
            ["arguments"] = JsonSerializer.SerializeToNode(arguments, JsonSerializerOptions.Web),
        }, ct);
        return await call.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new StringBuilder();
        try
        {
            while (await ReadRecordAsync(buffer, _stop.Token) is { } record)
            {
                var message = JsonNode.Parse(record)!.AsObject();
                switch ((int)message["type"]!)
                {
                    case 1 when (string?)message["target"] == "CommandsDue":
                        _commandsDue();
                        break;
                    case 3:
                        TaskCompletionSource<JsonNode?>? call;
                        lock (_calls) _calls.Remove((string)message["invocationId"]!, out call);
                        if (message["error"] is { } error) call?.TrySetException(new ApiRefused(System.Net.HttpStatusCode.BadRequest, (string)error!));
                        else call?.TrySetResult(message["result"]);
                        break;
                    case 7:
                        return;   // the server closes the connection
                }
            }
        }
        catch (Exception) { }   // a broken connection ends here; the driver reconnects
        finally
        {
            lock (_calls) foreach (var call in _calls.Values) call.TrySetException(new WebSocketException("The hub connection closed."));
            _closed.TrySetResult();
        }
    }

    /// <summary>The server drops a client it has not heard from for 30 s: ping well within that.</summary>
    private async Task PingLoopAsync()
    {
        using var timer = new PeriodicTimer(PingEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) await SendAsync(new JsonObject { ["type"] = 6 }, _stop.Token);
        }
        catch (Exception) { }
    }

    private async Task<string?> ReadRecordAsync(StringBuilder buffer, CancellationToken ct)
    {
        var bytes = new byte[8192];
        while (true)
        {
            var end = buffer.ToString().IndexOf(RecordSeparator);
            if (end >= 0)
            {
                var record = buffer.ToString(0, end);
                buffer.Remove(0, end + 1);
                return record;
            }
            var read = await _socket.ReceiveAsync(bytes, ct);
            if (read.MessageType == WebSocketMessageType.Close) return null;
            var chars = new char[Encoding.UTF8.GetMaxCharCount(read.Count)];
            buffer.Append(chars, 0, _decoder.GetChars(bytes, 0, read.Count, chars, 0));
        }
    }

    private async Task SendAsync(JsonObject message, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString() + RecordSeparator);
        await _sending.WaitAsync(ct);
        try { await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, ct); }
        finally { _sending.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            if (_socket.State == WebSocketState.Open) await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        }
        catch (Exception) { }
        _socket.Abort();
        await Task.WhenAll(_reading, _pinging);
        _socket.Dispose();
        _stop.Dispose();
    }
}
