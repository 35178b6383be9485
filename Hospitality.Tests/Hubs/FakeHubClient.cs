using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hospitality.Tests.Hubs;

/// <summary>An invocation as a JSON-protocol client received it off the wire.</summary>
public sealed record ReceivedInvocation(string Target, JsonElement[] Arguments, string? InvocationId);

/// <summary>
/// A hub connection without a network: a real <see cref="HubConnectionContext"/> speaking the JSON hub protocol
/// over an in-memory pipe. What a lifetime manager writes is read back as a client would parse it.
/// </summary>
public sealed class FakeHubClient : IAsyncDisposable
{
    private readonly Pipe _toClient = new();
    private readonly Pipe _toServer = new();
    private readonly Channel<ReceivedInvocation> _received = Channel.CreateUnbounded<ReceivedInvocation>();
    private readonly Task _reading;

    public FakeHubClient(string? userId = null)
    {
        var id = Guid.NewGuid().ToString("N");
        var transport = new Duplex(_toServer.Reader, _toClient.Writer);
        var application = new Duplex(_toClient.Reader, _toServer.Writer);
        var options = new HubConnectionContextOptions
        {
            KeepAliveInterval = TimeSpan.FromMinutes(5),
            ClientTimeoutInterval = TimeSpan.FromMinutes(5),
            StreamBufferCapacity = 10,
        };
        Connection = new HubConnectionContext(new DefaultConnectionContext(id, transport, application), options, NullLoggerFactory.Instance)
        {
            Protocol = new JsonHubProtocol(),
            UserIdentifier = userId,
        };
        _reading = Task.Run(ReadLoopAsync);
    }

    public HubConnectionContext Connection { get; }

    public string Id => Connection.ConnectionId;

    public async Task<ReceivedInvocation> ReadAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        try
        {
            return await _received.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Connection {Id} received nothing within {timeout ?? TimeSpan.FromSeconds(5)}.");
        }
    }

    /// <summary>
    /// Waits a little and fails if anything arrived. Only used after a positive delivery of the same send was
    /// seen elsewhere, so the grace period covers ordering jitter, not Redis latency.
    /// </summary>
    public async Task AssertNothingReceivedAsync(int graceMilliseconds = 150)
    {
        await Task.Delay(graceMilliseconds);
        if (_received.Reader.TryRead(out var unexpected))
        {
            Assert.Fail($"Connection {Id} unexpectedly received {unexpected.Target}({string.Join(", ", unexpected.Arguments)}).");
        }
    }

    /// <summary>
    /// Answers a client-result invocation the way SignalR's connection handler would: the completion frame is
    /// parsed by the JSON hub protocol, binding the result to the type the server's manager asks for, then
    /// handed to <see cref="HubLifetimeManager{THub}.SetConnectionResultAsync"/>.
    /// </summary>
    public Task AnswerAsync<THub>(HubLifetimeManager<THub> server, string invocationId, string completionJsonFields) where THub : Hub
    {
        var frame = System.Text.Encoding.UTF8.GetBytes($$"""{"type":3,"invocationId":"{{invocationId}}",{{completionJsonFields}}}""" + "\u001e");
        var input = new ReadOnlySequence<byte>(frame);
        Assert.True(new JsonHubProtocol().TryParseMessage(ref input, new ResultBinder<THub>(server), out var message));
        return server.SetConnectionResultAsync(Id, (CompletionMessage)message!);
    }

    private sealed class ResultBinder<THub>(HubLifetimeManager<THub> server) : IInvocationBinder where THub : Hub
    {
        public Type GetReturnType(string invocationId) =>
            server.TryGetReturnType(invocationId, out var type) ? type : throw new InvalidOperationException($"No pending invocation {invocationId}.");

        public IReadOnlyList<Type> GetParameterTypes(string methodName) => throw new NotSupportedException();

        public Type GetStreamItemType(string streamId) => throw new NotSupportedException();
    }

    private async Task ReadLoopAsync()
    {
        while (true)
        {
            var result = await _toClient.Reader.ReadAsync();
            var buffer = result.Buffer;
            while (buffer.PositionOf((byte)0x1e) is { } end)
            {
                Parse(buffer.Slice(0, end).ToArray());
                buffer = buffer.Slice(buffer.GetPosition(1, end));
            }

            _toClient.Reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                _received.Writer.TryComplete();
                return;
            }
        }
    }

    private void Parse(byte[] frame)
    {
        using var doc = JsonDocument.Parse(frame);
        var root = doc.RootElement;
        if (root.TryGetProperty("type", out var type) && type.GetInt32() == HubProtocolConstants.InvocationMessageType)
        {
            var args = root.GetProperty("arguments").EnumerateArray().Select(a => a.Clone()).ToArray();
            var invocationId = root.TryGetProperty("invocationId", out var id) ? id.GetString() : null;
            _received.Writer.TryWrite(new ReceivedInvocation(root.GetProperty("target").GetString()!, args, invocationId));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _toClient.Writer.CompleteAsync();
        await _reading;
    }

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
