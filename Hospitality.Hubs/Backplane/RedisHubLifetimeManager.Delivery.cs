using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using StackExchange.Redis;

namespace Hospitality.Hubs.Backplane;

// Receiving side: the server-wide subscriptions and the writes to local connections.
public sealed partial class RedisHubLifetimeManager<THub>
{
    /// <summary>
    /// Subscribes the all, group-management, ack and client-result return channels once. Retried on the next call if it failed
    /// (only a bad configuration fails: an outage just defers the subscriptions inside SE.Redis).
    /// </summary>
    private Task EnsureStartedAsync()
    {
        lock (_startGate)
        {
            if (_started is null || _started.IsFaulted)
            {
                _started = StartAsync();
            }

            return _started;
        }
    }

    private async Task StartAsync()
    {
        var subscriber = await _redis.GetSubscriberAsync().ConfigureAwait(false);
        await OrderedSubscription.StartAsync(subscriber, Literal(_channels.All), (_, m) => DeliverAsync(_connections, m), _redis.Options.SubscribeTimeout, _logger).ConfigureAwait(false);
        await OrderedSubscription.StartAsync(subscriber, Literal(_channels.GroupManagement), (_, m) => OnGroupCommandAsync(m), _redis.Options.SubscribeTimeout, _logger).ConfigureAwait(false);
        await OrderedSubscription.StartAsync(subscriber, Literal(_channels.Ack(_serverName)), (_, m) => OnAck(m), _redis.Options.SubscribeTimeout, _logger).ConfigureAwait(false);
        await OrderedSubscription.StartAsync(subscriber, Literal(_channels.Return(_serverName)), (_, m) => OnAnswerAsync(m), _redis.Options.SubscribeTimeout, _logger).ConfigureAwait(false);
    }

    /// <summary>Subscribes a connection, group or user channel for <see cref="ConnectionChannels"/>.</summary>
    private async Task<OrderedSubscription> SubscribeLocalChannelAsync(string channel)
    {
        var subscriber = await _redis.GetSubscriberAsync().ConfigureAwait(false);
        return await OrderedSubscription.StartAsync(
            subscriber, Literal(channel), (_, m) => DeliverAsync(_subscribed.Find(channel), m), _redis.Options.SubscribeTimeout, _logger).ConfigureAwait(false);
    }

    private Task DeliverAsync(HubConnectionStore? connections, byte[] message)
    {
        if (connections is null || connections.Count == 0)
        {
            return Task.CompletedTask;
        }

        var invocation = BackplaneMessages.ReadInvocation(message);
        if (invocation.InvocationId is not null)
        {
            // Only a connection channel carries client-result invocations, so this is that one connection.
            foreach (var connection in connections)
            {
                return ForwardInvocationAsync(connection, invocation);
            }
        }

        var serialized = new SerializedHubMessage(new InvocationMessage(invocation.Target, invocation.Arguments));
        var targets = new List<HubConnectionContext>();
        foreach (var connection in connections)
        {
            if (!invocation.Excluded.Contains(connection.ConnectionId))
            {
                targets.Add(connection);
            }
        }

        return WriteAsync(targets, serialized, invocation.Excluded);
    }

    /// <summary>
    /// Starts every write before awaiting any, so one slow client does not hold up the rest; a failed write
    /// (a connection closing under us) is logged and does not stop the others.
    /// </summary>
    private async Task WriteAsync(IReadOnlyList<HubConnectionContext> targets, SerializedHubMessage message, IReadOnlyList<string> excluded)
    {
        var pending = new List<(string Id, Task Write)>();
        foreach (var connection in targets)
        {
            try
            {
                var write = connection.WriteAsync(message);
                if (!write.IsCompletedSuccessfully)
                {
                    pending.Add((connection.ConnectionId, write.AsTask()));
                }
            }
            catch (Exception ex)
            {
                BackplaneLog.WriteFailed(_logger, ex, connection.ConnectionId);
            }
        }

        foreach (var (id, write) in pending)
        {
            try
            {
                await write.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                BackplaneLog.WriteFailed(_logger, ex, id);
            }
        }
    }

    /// <summary>Tells this server's own connections to refetch, when the app asked for it (see the option).</summary>
    private void OnBackplaneRestored(object? sender, EventArgs e)
    {
        if (_redis.Options.ResyncMethodName is { } method)
        {
            _ = WriteAsync([.. _connections], new SerializedHubMessage(new InvocationMessage(method, [])), []);
        }
    }

    private Task OnAck(byte[] message)
    {
        _acks.Complete(long.Parse(Encoding.UTF8.GetString(message)));
        return Task.CompletedTask;
    }
}
