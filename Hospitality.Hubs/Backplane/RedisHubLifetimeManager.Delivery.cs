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
    /// Starts every write and returns without waiting for slow ones, so one slow client holds up neither the
    /// rest of this message's targets nor the channel's next messages (the channel's pump awaits this). A
    /// connection's writes still go out in order (HubConnectionContext queues them behind its write lock).
    /// A connection that would have more than <see cref="RedisBackplaneOptions.MaxPendingBytesPerConnection"/>
    /// waiting is closed instead, which bounds what a stalled client costs; its screen reconnects and refetches.
    /// A failed write (a connection closing under us) is logged.
    /// </summary>
    private Task WriteAsync(IReadOnlyList<HubConnectionContext> targets, SerializedHubMessage message, IReadOnlyList<string> excluded)
    {
        foreach (var connection in targets)
        {
            try
            {
                var backlog = _backlogs.GetValue(connection, _ => new WriteBacklog());
                var size = message.GetSerializedMessage(connection.Protocol).Length;
                var pending = Volatile.Read(ref backlog.PendingBytes);
                if (pending > 0 && pending + size > _redis.Options.MaxPendingBytesPerConnection)
                {
                    if (Interlocked.Exchange(ref backlog.Closing, 1) == 0)
                    {
                        BackplaneLog.SlowConnectionClosed(_logger, connection.ConnectionId, pending);
                        connection.Abort();
                    }
                    continue;
                }
                var write = connection.WriteAsync(message);
                if (!write.IsCompletedSuccessfully)
                {
                    Interlocked.Add(ref backlog.PendingBytes, size);
                    _ = CompleteAsync(write.AsTask(), connection.ConnectionId, backlog, size);
                }
            }
            catch (Exception ex)
            {
                BackplaneLog.WriteFailed(_logger, ex, connection.ConnectionId);
            }
        }
        return Task.CompletedTask;
    }

    private async Task CompleteAsync(Task write, string connectionId, WriteBacklog backlog, long size)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            BackplaneLog.WriteFailed(_logger, ex, connectionId);
        }
        finally
        {
            Interlocked.Add(ref backlog.PendingBytes, -size);
        }
    }

    /// <summary>Bytes of the writes started to one connection and not yet flushed.</summary>
    private sealed class WriteBacklog
    {
        public long PendingBytes;
        public int Closing;
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
