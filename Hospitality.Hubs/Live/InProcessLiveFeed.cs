using Microsoft.Extensions.Logging;

namespace Hospitality.Hubs.Live;

/// <summary>
/// The live feed of a single server: updates go straight to this process's subscribers. Used when no Redis
/// is configured; with several servers use <see cref="RedisLiveFeed"/>.
/// </summary>
public sealed class InProcessLiveFeed(ILogger<InProcessLiveFeed> logger) : ILiveFeed
{
    private readonly LiveSubscribers _subscribers = new(logger);

    public Task PublishAsync(LiveUpdate update, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        _subscribers.Post(update);
        return Task.CompletedTask;
    }

    public IDisposable Subscribe(string topic, Func<LiveUpdate, Task> onUpdate) => _subscribers.Add(topic, onUpdate);
}
