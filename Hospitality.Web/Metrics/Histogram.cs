namespace Hospitality.Web.Metrics;

/// <summary>
/// A thread-safe histogram with fixed upper bounds: observations are counted in the first bucket whose bound they do
/// not exceed (or in the implicit <c>+Inf</c> bucket). A snapshot is taken under the same lock as observations, so its
/// buckets, sum and count always agree.
/// </summary>
public sealed class Histogram(IReadOnlyList<double> upperBounds)
{
    /// <summary>Request latencies in seconds: Prometheus' default buckets, 5 ms to 10 s.</summary>
    public static readonly IReadOnlyList<double> LatencySeconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly double[] _bounds = CheckAscending(upperBounds);
    private readonly long[] _counts = new long[upperBounds.Count + 1];   // the last one is +Inf
    private readonly Lock _lock = new();
    private double _sum;

    public void Observe(double value)
    {
        var index = Array.BinarySearch(_bounds, value);
        if (index < 0) index = ~index;   // the first bound above the value; le is inclusive, so an exact match stays
        lock (_lock)
        {
            _counts[index]++;
            _sum += value;
        }
    }

    public HistogramSnapshot Snapshot()
    {
        lock (_lock)
            return new HistogramSnapshot(_bounds, _counts[..^1], _counts.Sum(), _sum);
    }

    private static double[] CheckAscending(IReadOnlyList<double> bounds)
    {
        for (var i = 0; i < bounds.Count; i++)
            if (double.IsNaN(bounds[i]) || double.IsInfinity(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1]))
                throw new ArgumentException("Histogram bounds must be finite and strictly ascending.", nameof(bounds));
        return [.. bounds];
    }
}

/// <summary>A histogram at one moment: per-bucket (not cumulative) counts for each finite bound, the total count and sum.</summary>
public sealed record HistogramSnapshot(IReadOnlyList<double> UpperBounds, IReadOnlyList<long> BucketCounts, long Count, double Sum);
