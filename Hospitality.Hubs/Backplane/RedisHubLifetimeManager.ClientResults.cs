using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Hospitality.Hubs.Backplane;

// Client results (InvokeConnectionAsync): the caller's server keeps the typed wait; the server owning the
// connection forwards the invocation, takes the client's answer as raw JSON and sends it back to the caller.
public sealed partial class RedisHubLifetimeManager<THub>
{
    private readonly ConcurrentDictionary<string, PendingClientResult> _awaitingAnswers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string ConnectionId, string ReturnChannel)> _forwarded = new(StringComparer.Ordinal);
    private long _lastInvocationId;

    public override async Task<T> InvokeConnectionAsync<T>(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken)
    {
        var invocationId = $"{_serverName}:{Interlocked.Increment(ref _lastInvocationId)}";
        var pending = new PendingClientResult<T>(connectionId);
        _awaitingAnswers[invocationId] = pending;
        try
        {
            if (_connections[connectionId] is { } local)
            {
                await WriteAsync([local], new SerializedHubMessage(new InvocationMessage(invocationId, methodName, args)), []).ConfigureAwait(false);
            }
            else
            {
                await EnsureStartedAsync().ConfigureAwait(false);
                var message = BackplaneMessages.WriteInvocation(methodName, args, null, _payloadOptions, invocationId, _channels.Return(_serverName));
                var subscriber = await _redis.GetSubscriberAsync().ConfigureAwait(false);
                // PUBLISH answers how many subscribers heard it: none means no server owns this connection.
                // Unlike a send, the caller is waiting for a value, so an outage or unknown connection throws.
                if (await subscriber.PublishAsync(Literal(_channels.Connection(connectionId)), message).OffReader() == 0)
                {
                    throw new IOException($"Connection '{connectionId}' does not exist.");
                }
            }

            return await pending.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _awaitingAnswers.TryRemove(invocationId, out _);
        }
    }

    public override async Task SetConnectionResultAsync(string connectionId, CompletionMessage result)
    {
        if (_awaitingAnswers.TryGetValue(result.InvocationId!, out var pending) && pending.ConnectionId == connectionId)
        {
            pending.Complete(result);
        }
        else if (_forwarded.TryRemove(result.InvocationId!, out var forwarded) && forwarded.ConnectionId == connectionId)
        {
            var answer = BackplaneMessages.WriteAnswer(result.InvocationId!, result.Error, result.HasResult ? result.Result : null, _payloadOptions);
            await PublishAsync(forwarded.ReturnChannel, answer, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public override bool TryGetReturnType(string invocationId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Type? type)
    {
        if (_awaitingAnswers.TryGetValue(invocationId, out var pending))
        {
            type = pending.ResultType;
            return true;
        }

        // The caller on another server knows the type; this server passes the JSON on untouched.
        type = _forwarded.ContainsKey(invocationId) ? typeof(RawResult) : null;
        return type is not null;
    }

    /// <summary>Writes a forwarded client-result invocation to its local connection and remembers where the answer goes.</summary>
    private Task ForwardInvocationAsync(HubConnectionContext connection, BackplaneInvocation invocation)
    {
        _forwarded[invocation.InvocationId!] = (connection.ConnectionId, invocation.ReturnChannel!);
        var message = new InvocationMessage(invocation.InvocationId, invocation.Target, invocation.Arguments);
        return WriteAsync([connection], new SerializedHubMessage(message), []);
    }

    private Task OnAnswerAsync(byte[] message)
    {
        var answer = BackplaneMessages.ReadAnswer(message);
        if (_awaitingAnswers.TryGetValue(answer.InvocationId, out var pending))
        {
            pending.Complete(answer, _payloadOptions);
        }

        return Task.CompletedTask;
    }

    /// <summary>A connection that leaves cannot answer: fail what waits on it here, tell the callers elsewhere.</summary>
    private async Task FailInvocationsOfAsync(string connectionId)
    {
        foreach (var (id, pending) in _awaitingAnswers)
        {
            if (pending.ConnectionId == connectionId)
            {
                pending.Fail(new IOException($"Connection '{connectionId}' disconnected."));
            }
        }

        foreach (var (id, forwarded) in _forwarded)
        {
            if (forwarded.ConnectionId == connectionId && _forwarded.TryRemove(id, out _))
            {
                var answer = BackplaneMessages.WriteAnswer(id, $"Connection '{connectionId}' disconnected.", null, _payloadOptions);
                await PublishAsync(forwarded.ReturnChannel, answer, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
