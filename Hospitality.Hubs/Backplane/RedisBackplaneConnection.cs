using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hospitality.Hubs.Backplane;

/// <summary>
/// The one Redis connection of this server, shared by the hub lifetime manager and the live feed. Connects
/// lazily, keeps reconnecting on its own (SE.Redis resubscribes our channels), and reports through
/// <see cref="IBackplaneStatus"/> when the connection is lost and when delivery has been proven to work again.
/// </summary>
public sealed partial class RedisBackplaneConnection : IBackplaneStatus, IAsyncDisposable, IDisposable
{
    private readonly RedisBackplaneOptions _options;
    private readonly ILogger<RedisBackplaneConnection> _logger;
    private static readonly TimeSpan ProbeWait = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(250);
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private ConnectionMultiplexer? _mux;
    private RestoreProbe? _probe;
    private volatile bool _subscriptionLost;
    private int _watching;
    private bool _disposed;

    public RedisBackplaneConnection(IOptions<RedisBackplaneOptions> options, ILogger<RedisBackplaneConnection> logger)
    {
        _options = options.Value;
        _logger = logger;
        if (string.IsNullOrWhiteSpace(_options.ConnectionString))
        {
            throw new InvalidOperationException("RedisBackplaneOptions.ConnectionString is empty: configure ConnectionStrings:Redis.");
        }
    }

    /// <summary>Channel prefix from the options, for the users of this connection.</summary>
    public string ChannelPrefix => _options.ChannelPrefix;

    public RedisBackplaneOptions Options => _options;

    public bool IsConnected => _mux is { IsConnected: true } && !_subscriptionLost;

    public event EventHandler? Restored;

    /// <summary>Connects on first use. With AbortOnConnectFail off this succeeds even while Redis is down.</summary>
    public async Task<ConnectionMultiplexer> GetMultiplexerAsync()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_mux is { } ready)
        {
            return ready;
        }

        await _connectLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_mux is { } raced)
            {
                return raced;
            }

            RaiseThreadPoolMinimum();
            var config = ConfigurationOptions.Parse(_options.ConnectionString);
            config.AbortOnConnectFail = false;
            config.ConnectRetry = 3;
            config.ConnectTimeout = 2000;
            config.SyncTimeout = 2000;
            config.KeepAlive = 1;
            var mux = await ConnectionMultiplexer.ConnectAsync(config).OffReader();
            mux.ConnectionFailed += OnConnectionFailed;
            mux.ConnectionRestored += OnConnectionRestored;
            _probe = await RestoreProbe.StartAsync(mux.GetSubscriber(), _options, _logger).ConfigureAwait(false);
            BackplaneLog.Connected(_logger, mux.IsConnected);
            _mux = mux;
            if (!mux.IsConnected)
            {
                // Started during an outage: whatever is published until Redis is up is lost, so resync then too.
                _subscriptionLost = true;
                WatchForRestoredDelivery();
            }

            return mux;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    public async Task<ISubscriber> GetSubscriberAsync() => (await GetMultiplexerAsync().ConfigureAwait(false)).GetSubscriber();

    private void RaiseThreadPoolMinimum()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        var wanted = _options.MinThreadPoolThreads;
        if (wanted > workers || wanted > io)
        {
            ThreadPool.SetMinThreads(Math.Max(wanted, workers), Math.Max(wanted, io));
            BackplaneLog.ThreadPoolRaised(_logger, workers, Math.Max(wanted, workers));
        }
    }

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

    public async ValueTask DisposeAsync()
    {
        // Never close the multiplexer on its own reader thread (see RedisAwait).
        await Task.Yield();
        Dispose();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_mux is { } mux)
        {
            mux.ConnectionFailed -= OnConnectionFailed;
            mux.ConnectionRestored -= OnConnectionRestored;
            // Dispose from a pool thread so a caller sitting on the reader thread cannot deadlock it.
            if (!Task.Run(() =>
            {
                mux.Close(allowCommandsToComplete: false);
                mux.Dispose();
            }).Wait(TimeSpan.FromSeconds(5)))
            {
                BackplaneLog.CloseTimedOut(_logger);
            }
        }

        _connectLock.Dispose();
    }
}
