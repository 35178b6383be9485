using System.Diagnostics;

namespace Hospitality.Bench.Web;

/// <summary>
/// A steady offered load: each of <c>actors</c> (machines, phones) makes one call every <c>interval</c>, their first calls
/// spread evenly over the first interval. An actor whose call is still running when its next is due skips that turn
/// (counted in <see cref="Skipped"/>), so no actor ever has two calls in flight, and a server that cannot keep up shows as
/// skipped turns rather than as a queue inside the load generator. Calls sent in the first <c>warmup</c> are not counted.
/// </summary>
public sealed class SteadyLoad(int actors, TimeSpan interval, TimeSpan warmup, TimeSpan window)
{
    private long _skipped;

    public double OfferedPerSecond => actors / interval.TotalSeconds;

    /// <summary>Turns skipped in the window because the actor's previous call had not finished.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>The window's length in seconds, once it has ended.</summary>
    public double Seconds { get; private set; }

    /// <summary>
    /// Runs the load until the window ends, then waits for the calls still running. <paramref name="call"/> gets the actor's
    /// index and whether the call was sent inside the window (counts). <paramref name="windowStarts"/> and
    /// <paramref name="windowEnds"/> run at its two ends, to read CPU time and counters.
    /// </summary>
    public async Task RunAsync(Func<int, bool, Task> call, Action windowStarts, Action windowEnds)
    {
        var busy = new int[actors];
        var due = new long[actors];
        var step = (long)(interval.TotalSeconds * Stopwatch.Frequency);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < actors; i++) due[i] = start + step * i / actors;
        var windowStart = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(window.TotalSeconds * Stopwatch.Frequency);
        var measuring = false;
        var running = new List<Task>();
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= windowEnd) break;
            if (!measuring && now >= windowStart)
            {
                windowStarts();
                windowStart = Stopwatch.GetTimestamp();
                measuring = true;
            }
            for (var i = 0; i < actors; i++)
            {
                if (due[i] > now) continue;
                due[i] += step;
                if (Interlocked.Exchange(ref busy[i], 1) == 1)
                {
                    if (measuring) Interlocked.Increment(ref _skipped);
                    continue;
                }
                var (actor, counts) = (i, measuring);
                running.Add(Task.Run(async () =>
                {
                    try { await call(actor, counts); }
                    finally { Volatile.Write(ref busy[actor], 0); }
                }));
            }
            running.RemoveAll(t => t.IsCompleted);
            await Task.Delay(5);
        }
        windowEnds();
        Seconds = (Stopwatch.GetTimestamp() - windowStart) / (double)Stopwatch.Frequency;
        await Task.WhenAll(running);
    }
}
