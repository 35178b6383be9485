using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Hospitality.Hubs.Live;

/// <summary>
/// One subscriber's queue: updates are handed to its handler one at a time, in the order they were posted,
/// on the thread pool. A throwing handler is logged and the next update still comes.
/// </summary>
internal sealed class LiveSubscription : IDisposable
{
    private readonly Func<LiveUpdate, Task> _onUpdate;
    private readonly Action<LiveSubscription> _onDispose;
    private readonly ILogger _logger;
    private readonly Channel<LiveUpdate> _queue = Channel.CreateUnbounded<LiveUpdate>(new UnboundedChannelOptions { SingleReader = true });
    private volatile bool _disposed;

    public LiveSubscription(string topic, Func<LiveUpdate, Task> onUpdate, Action<LiveSubscription> onDispose, ILogger logger)
    {
        Topic = topic;
        _onUpdate = onUpdate;
        _onDispose = onDispose;
        _logger = logger;
        _ = Task.Run(PumpAsync);
    }

    public string Topic { get; }

    public void Post(LiveUpdate update) => _queue.Writer.TryWrite(update);

    private async Task PumpAsync()
    {
        await foreach (var update in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            // Checked per update: once Dispose returns, no further handler call starts.
            if (_disposed)
            {
                return;
            }

            try
            {
                await _onUpdate(update).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LiveFeedLog.HandlerFailed(_logger, ex, Topic, update.Kind);
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _queue.Writer.TryComplete();
        _onDispose(this);
    }
}
