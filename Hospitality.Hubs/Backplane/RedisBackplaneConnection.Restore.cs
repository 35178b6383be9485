using StackExchange.Redis;

namespace Hospitality.Hubs.Backplane;

// Outage and restore: when delivery stops, and when it is proven to work again.
public sealed partial class RedisBackplaneConnection
{
    private static readonly TimeSpan ProbeWait = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(250);

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        BackplaneLog.ConnectionFailed(_logger, e.Exception, e.ConnectionType, e.FailureType, e.EndPoint?.ToString());
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            _subscriptionLost = true;
            WatchForRestoredDelivery();
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) =>
        BackplaneLog.ConnectionRestored(_logger, e.ConnectionType, e.EndPoint?.ToString());

    /// <summary>
    /// SE.Redis reports "restored" before it has resent our SUBSCRIBEs, and not at all when it was down from the
    /// start. So one watcher per outage keeps sending a probe through Redis back to us, and raises
    /// <see cref="Restored"/> only when the probe arrives: from then on, other servers' messages reach us.
    /// </summary>
    private void WatchForRestoredDelivery()
    {
        if (Interlocked.Exchange(ref _watching, 1) == 0)
        {
            _ = Task.Run(WatchAsync);
        }
    }

    private async Task WatchAsync()
    {
        try
        {
            while (!_disposed && _subscriptionLost)
            {
                if (_mux is { IsConnected: true } && _probe is { } probe && await probe.TryOnceAsync(ProbeWait).ConfigureAwait(false))
                {
                    _subscriptionLost = false;
                    RaiseRestored();
                    break;
                }

                await Task.Delay(ProbeInterval).ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref _watching, 0);
        }

        // A new failure while we were finishing found the watcher busy: watch for that one too.
        if (_subscriptionLost && !_disposed)
        {
            WatchForRestoredDelivery();
        }
    }

    private void RaiseRestored()
    {
        BackplaneLog.DeliveryRestored(_logger);
        foreach (var handler in Restored?.GetInvocationList() ?? [])
        {
            try
            {
                ((EventHandler)handler)(this, EventArgs.Empty);
            }
            catch (Exception ex)
            {
                BackplaneLog.RestoredHandlerFailed(_logger, ex);
            }
        }
    }
}
