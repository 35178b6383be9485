using System.Text.Json;
using Hospitality.Hubs.Backplane;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Hospitality.Hubs.Live;

/// <summary>
/// The live feed across servers: an update is published to the Redis channel <c>{prefix}:live:{topic}</c>, and
/// every server hears all topics through one pattern subscription and hands each update to its own subscribers.
/// One pattern instead of a channel per topic means a new Subscribe is live at once, with no SUBSCRIBE round
/// trip a component would have to wait for. After an outage every subscriber gets <see cref="LiveUpdate.Resync"/>.
/// </summary>
public sealed class RedisLiveFeed : ILiveFeed, IHostedService, IAsyncDisposable
{
    private readonly RedisBackplaneConnection _redis;
    private readonly ILogger<RedisLiveFeed> _logger;
    private readonly LiveSubscribers _subscribers;
    private readonly string _channelPrefix;
    private readonly Lock _startGate = new();
    private Task<OrderedSubscription>? _started;

    public RedisLiveFeed(RedisBackplaneConnection redis, ILogger<RedisLiveFeed> logger)
    {
        _redis = redis;
        _logger = logger;
        _subscribers = new LiveSubscribers(logger);
        _channelPrefix = $"{redis.ChannelPrefix}:live:";
        redis.Restored += OnBackplaneRestored;
    }

    /// <summary>Connects and subscribes; the host calls it at startup, tests call it directly.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => EnsureStartedAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task PublishAsync(LiveUpdate update, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        try
        {
            // Bounded: a hung Redis must not hold up the command whose committed change this update reports.
            await PublishCoreAsync(update).WaitAsync(_redis.Options.PublishTimeout, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LiveFeedLog.PublishFailed(_logger, ex, update.Topic, update.Kind);
        }
    }

    private async Task PublishCoreAsync(LiveUpdate update)
    {
        await EnsureStartedAsync().ConfigureAwait(false);
        var subscriber = await _redis.GetSubscriberAsync().ConfigureAwait(false);
        var channel = new RedisChannel(_channelPrefix + update.Topic, RedisChannel.PatternMode.Literal);
        await subscriber.PublishAsync(channel, JsonSerializer.SerializeToUtf8Bytes(update)).OffReader();
    }

    public IDisposable Subscribe(string topic, Func<LiveUpdate, Task> onUpdate)
    {
        // Normally started by the host already; if not, start now and log a failure rather than lose it.
        _ = EnsureStartedAsync().ContinueWith(
            failed => LiveFeedLog.StartFailed(_logger, failed.Exception!), CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return _subscribers.Add(topic, onUpdate);
    }

    private Task<OrderedSubscription> EnsureStartedAsync()
    {
        lock (_startGate)
        {
            if (_started is null || _started.IsFaulted)
            {
                _started = SubscribeAllTopicsAsync();
            }

            return _started;
        }
    }

    private async Task<OrderedSubscription> SubscribeAllTopicsAsync()
    {
        var subscriber = await _redis.GetSubscriberAsync().ConfigureAwait(false);
        var pattern = new RedisChannel(EscapeGlob(_channelPrefix) + "*", RedisChannel.PatternMode.Pattern);
        return await OrderedSubscription.StartAsync(subscriber, pattern, OnMessage, _redis.Options.SubscribeTimeout, _logger).ConfigureAwait(false);
    }

    private Task OnMessage(RedisChannel channel, byte[] message)
    {
        _subscribers.Post(JsonSerializer.Deserialize<LiveUpdate>(message)!);
        return Task.CompletedTask;
    }

    private void OnBackplaneRestored(object? sender, EventArgs e)
    {
        LiveFeedLog.ResyncingSubscribers(_logger);
        _subscribers.PostResyncToAll();
    }

    /// <summary>Redis glob patterns treat these as wildcards; a prefix containing them must match literally.</summary>
    private static string EscapeGlob(string text)
    {
        var escaped = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        _redis.Restored -= OnBackplaneRestored;
        if (_started is { IsCompletedSuccessfully: true } started)
        {
            await started.Result.DisposeAsync().ConfigureAwait(false);
        }
    }
}
