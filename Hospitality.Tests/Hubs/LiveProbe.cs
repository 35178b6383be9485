using System.Threading.Channels;
using Hospitality.Hubs.Live;

namespace Hospitality.Tests.Hubs;

/// <summary>A live-feed subscriber for tests: records what its handler was given, in order.</summary>
public sealed class LiveProbe
{
    private readonly Channel<LiveUpdate> _received = Channel.CreateUnbounded<LiveUpdate>();

    public Task Handle(LiveUpdate update)
    {
        _received.Writer.TryWrite(update);
        return Task.CompletedTask;
    }

    public async Task<LiveUpdate> NextAsync(TimeSpan? timeout = null)
    {
        var wait = timeout ?? TimeSpan.FromSeconds(5);
        using var cts = new CancellationTokenSource(wait);
        try
        {
            return await _received.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No live update arrived within {wait}.");
        }
    }

    /// <summary>Skips anything but a resync (updates may legitimately race an outage) until one arrives.</summary>
    public async Task<LiveUpdate> NextResyncAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var update = await NextAsync(deadline - DateTime.UtcNow);
            if (update.IsResync)
            {
                return update;
            }
        }
    }

    public async Task AssertNothingReceivedAsync(int graceMilliseconds = 150)
    {
        await Task.Delay(graceMilliseconds);
        if (_received.Reader.TryRead(out var unexpected))
        {
            Assert.Fail($"Unexpected live update {unexpected}.");
        }
    }
}
