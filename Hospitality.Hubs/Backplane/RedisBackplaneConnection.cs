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
            // ConnectAsync can return before the subscription connection is established; a SUBSCRIBE made then
            // "completes" at once and is only sent when that connection is up, so a message published in between
            // is lost. Nothing subscribes through this connection until a probe has made the round trip.
            var delivering = mux.IsConnected && await _probe.ProveWithinAsync(TimeSpan.FromMilliseconds(config.ConnectTimeout)).ConfigureAwait(false);
            BackplaneLog.Connected(_logger, delivering);
            _mux = mux;
            if (!delivering)
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
