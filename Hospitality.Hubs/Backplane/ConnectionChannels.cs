using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Hospitality.Hubs.Backplane;

/// <summary>
/// Local connections per Redis channel (one channel per connection, group or user). The channel is subscribed
/// when its first local connection arrives and unsubscribed when its last one leaves. One lock keeps a
/// subscribe and an unsubscribe of the same channel from interleaving.
/// </summary>
internal sealed class ConnectionChannels(Func<string, Task<OrderedSubscription>> subscribe)
{
    private readonly ConcurrentDictionary<string, HubConnectionStore> _stores = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrderedSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>The local connections listening on a channel, or null when none do.</summary>
    public HubConnectionStore? Find(string channel) => _stores.GetValueOrDefault(channel);

    public async Task AddAsync(string channel, HubConnectionContext connection)
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            var store = _stores.GetOrAdd(channel, _ => new HubConnectionStore());
            store.Add(connection);
            if (!_subscriptions.ContainsKey(channel))
            {
                _subscriptions[channel] = await subscribe(channel).ConfigureAwait(false);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task RemoveAsync(string channel, HubConnectionContext connection)
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_stores.TryGetValue(channel, out var store))
            {
                return;
            }

            store.Remove(connection);
            if (store.Count == 0)
            {
                _stores.TryRemove(channel, out _);
                if (_subscriptions.Remove(channel, out var subscription))
                {
                    await subscription.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _lock.Release();
        }
    }
}
