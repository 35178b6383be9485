using Microsoft.Extensions.Logging;

namespace Hospitality.Hubs.Live;

/// <summary>The subscribers of this server, by topic. Shared by every <see cref="ILiveFeed"/> implementation.</summary>
internal sealed class LiveSubscribers(ILogger logger)
{
    private readonly Dictionary<string, List<LiveSubscription>> _byTopic = new(StringComparer.Ordinal);

    public IDisposable Add(string topic, Func<LiveUpdate, Task> onUpdate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(onUpdate);
        var subscription = new LiveSubscription(topic, onUpdate, Remove, logger);
        lock (_byTopic)
        {
            if (!_byTopic.TryGetValue(topic, out var list))
            {
                _byTopic[topic] = list = [];
            }

            list.Add(subscription);
        }

        return subscription;
    }

    /// <summary>Queues the update for every subscriber of its topic; returns without waiting for handlers.</summary>
    public void Post(LiveUpdate update)
    {
        LiveSubscription[] targets;
        lock (_byTopic)
        {
            targets = _byTopic.TryGetValue(update.Topic, out var list) ? [.. list] : [];
        }

        foreach (var subscription in targets)
        {
            subscription.Post(update);
        }
    }

    /// <summary>Tells every subscriber, topic by topic, that updates may have been lost.</summary>
    public void PostResyncToAll()
    {
        LiveSubscription[] all;
        lock (_byTopic)
        {
            all = [.. _byTopic.Values.SelectMany(list => list)];
        }

        foreach (var subscription in all)
        {
            subscription.Post(LiveUpdate.Resync(subscription.Topic));
        }
    }

    private void Remove(LiveSubscription subscription)
    {
        lock (_byTopic)
        {
            if (_byTopic.TryGetValue(subscription.Topic, out var list) && list.Remove(subscription) && list.Count == 0)
            {
                _byTopic.Remove(subscription.Topic);
            }
        }
    }
}
