using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Hospitality.Hubs.Backplane;

/// <summary>
/// One Redis channel (or pattern) subscription whose messages are handled one at a time, in arrival order,
/// on the thread pool. SE.Redis 1.2.6 calls handlers on its reader thread, so the handler here only queues;
/// slow work (writing to many connections) never stalls the reader, and the order of messages is kept.
/// </summary>
internal sealed class OrderedSubscription : IAsyncDisposable
{
    private readonly ISubscriber _subscriber;
    private readonly RedisChannel _channel;
    private readonly Func<RedisChannel, byte[], Task> _onMessage;
    private readonly ILogger _logger;
    private readonly TimeSpan _confirmWait;
    private readonly Channel<(RedisChannel, byte[])> _queue =
        Channel.CreateUnbounded<(RedisChannel, byte[])>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<RedisChannel, RedisValue> _handler;
    private readonly Task _pump;

    private OrderedSubscription(
        ISubscriber subscriber, RedisChannel channel, Func<RedisChannel, byte[], Task> onMessage, TimeSpan confirmWait, ILogger logger)
    {
        _subscriber = subscriber;
        _channel = channel;
        _onMessage = onMessage;
        _confirmWait = confirmWait;
        _logger = logger;
        _handler = Enqueue;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>
    /// Subscribes and returns once Redis confirmed. During an outage it returns at once: SE.Redis keeps the
    /// subscription and sends it when the connection is back. When Redis does not answer within
    /// <paramref name="confirmWait"/> (it hangs) it logs and returns: the handler is already registered.
    /// </summary>
    public static async Task<OrderedSubscription> StartAsync(
        ISubscriber subscriber, RedisChannel channel, Func<RedisChannel, byte[], Task> onMessage, TimeSpan confirmWait, ILogger logger)
    {
        var subscription = new OrderedSubscription(subscriber, channel, onMessage, confirmWait, logger);
        try
        {
            await subscriber.SubscribeAsync(channel, subscription._handler).OffReader().WaitAsync(confirmWait).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            BackplaneLog.SubscribeFailed(logger, ex, RedisHubChannels.ForLog(channel!));
        }

        return subscription;
    }

    private void Enqueue(RedisChannel channel, RedisValue value) => _queue.Writer.TryWrite((channel, (byte[])value!));

    private async Task PumpAsync()
    {
        await foreach (var (channel, message) in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await _onMessage(channel, message).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                BackplaneLog.HandlerFailed(_logger, ex, RedisHubChannels.ForLog(channel!));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Removes only this handler: another subscription of the same channel in this process keeps working.
            await _subscriber.UnsubscribeAsync(_channel, _handler).OffReader().WaitAsync(_confirmWait).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            BackplaneLog.UnsubscribeFailed(_logger, ex, RedisHubChannels.ForLog(_channel!));
        }

        // The pump drains what is queued and ends; not awaited, since a handler may itself dispose a subscription.
        _queue.Writer.TryComplete();
    }
}
