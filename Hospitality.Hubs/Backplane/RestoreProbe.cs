using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Hospitality.Hubs.Backplane;

/// <summary>
/// Proves the pub/sub path works end to end: publishes a token to a channel only this server listens to and
/// waits to hear it. Used after a reconnect, because SE.Redis reports "restored" before it has resubscribed.
/// </summary>
internal sealed class RestoreProbe
{
    private readonly ISubscriber _subscriber;
    private readonly RedisChannel _channel;
    private readonly ILogger _logger;
    private TaskCompletionSource<bool>? _waiting;
    private string _expected = "";

    private RestoreProbe(ISubscriber subscriber, RedisChannel channel, ILogger logger)
    {
        _subscriber = subscriber;
        _channel = channel;
        _logger = logger;
    }

    public static async Task<RestoreProbe> StartAsync(ISubscriber subscriber, RedisBackplaneOptions options, ILogger logger)
    {
        var channel = new RedisChannel($"{options.ChannelPrefix}:internal:probe:{Guid.NewGuid():N}", RedisChannel.PatternMode.Literal);
        var probe = new RestoreProbe(subscriber, channel, logger);
        try
        {
            await subscriber.SubscribeAsync(channel, probe.OnMessage).OffReader().WaitAsync(options.SubscribeTimeout).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // 1.2.6 keeps the subscription registered and sends it once a connection exists (or once Redis answers).
            BackplaneLog.SubscribeFailed(logger, ex, channel.ToString());
        }

        return probe;
    }

    private void OnMessage(RedisChannel channel, RedisValue value)
    {
        if (value == Volatile.Read(ref _expected))
        {
            Volatile.Read(ref _waiting)?.TrySetResult(true);
        }
    }

    /// <summary>Keeps trying (short waits) until a token comes back, or false once <paramref name="limit"/> has passed.</summary>
    public async Task<bool> ProveWithinAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        var wait = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            if (await TryOnceAsync(wait).ConfigureAwait(false))
            {
                return true;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromMilliseconds(500).Ticks));
        }
    }

    /// <summary>One attempt: true when a token published now came back within <paramref name="wait"/>.</summary>
    public async Task<bool> TryOnceAsync(TimeSpan wait)
    {
        var heard = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _expected, Guid.NewGuid().ToString("N"));
        Volatile.Write(ref _waiting, heard);
        try
        {
            await _subscriber.PublishAsync(_channel, _expected).OffReader();
            return await Task.WhenAny(heard.Task, Task.Delay(wait)).ConfigureAwait(false) == heard.Task;
        }
        catch (Exception ex)
        {
            BackplaneLog.ProbeFailed(_logger, ex);
            return false;
        }
    }
}
