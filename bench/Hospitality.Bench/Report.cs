using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Hospitality.Bench;

/// <summary>One row of the results table. Latency is "p50 / p99 / max" in ms, or empty for a rate.</summary>
public sealed record Figure(string Name, string Value, string Latency, string Target, string Met, string Ratio, string Note = "")
{
    /// <summary>A figure measured for the record, with no target set for it.</summary>
    public static Figure Untargeted(string name, string value, string latency, string ratio, string note) =>
        new(name, value, latency, "— (none set)", "—", ratio, note);
}

/// <summary>Latency samples in Stopwatch ticks; percentiles by sorting (sample counts here are at most a few million).</summary>
public sealed class Samples(int capacity)
{
    private readonly long[] _ticks = new long[capacity];
    private int _count;

    public int Count => Math.Min(_count, _ticks.Length);

    /// <summary>Thread-safe; samples beyond the capacity are dropped (counted in <see cref="Count"/> only up to it).</summary>
    public void Add(long ticks)
    {
        var i = Interlocked.Increment(ref _count) - 1;
        if (i < _ticks.Length) _ticks[i] = ticks;
    }

    public Percentiles Summarize()
    {
        var n = Count;
        if (n == 0) return new Percentiles(0, double.NaN, double.NaN, double.NaN);
        var sorted = _ticks[..n];
        Array.Sort(sorted);
        double Ms(long t) => t * 1000.0 / Stopwatch.Frequency;
        return new Percentiles(n, Ms(sorted[(int)(n * 0.50)]), Ms(sorted[Math.Min(n - 1, (int)(n * 0.99))]), Ms(sorted[^1]));
    }
}

public readonly record struct Percentiles(int Count, double P50, double P99, double Max)
{
    public override string ToString() => Count == 0 ? "no samples" : $"{Fmt.Ms(P50)} / {Fmt.Ms(P99)} / {Fmt.Ms(Max)}";
}

public static class Fmt
{
    public static string Ms(double ms) => ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);
    public static string N(double v) => v.ToString("#,0", CultureInfo.InvariantCulture);
    public static string F(double v, string format = "0.00") => v.ToString(format, CultureInfo.InvariantCulture);
    public static string Met(bool met) => met ? "yes" : "**no**";
}

/// <summary>What the numbers were measured on.</summary>
public static class Machine
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";
        var memKb = File.Exists("/proc/meminfo")
            ? long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)
            : 0;
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME="))?.Split('=', 2)[1].Trim('"') ?? RuntimeInformation.OSDescription
            : RuntimeInformation.OSDescription;
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        return $"{Environment.ProcessorCount} cores ({cpu}), {memKb / 1024.0 / 1024.0:0.0} GiB RAM, {os}, kernel {Environment.OSVersion.Version}, " +
               $".NET {Environment.Version} ({RuntimeInformation.FrameworkDescription}), load average at start {load}";
    }
}

public static class ResultsFile
{
    public static string Markdown(IReadOnlyList<Figure> figures, IReadOnlyList<string> notes, string mode, string machine, DateTimeOffset started, TimeSpan took)
    {
        var b = new StringBuilder();
        b.AppendLine("# Benchmark results (issue 3)");
        b.AppendLine();
        b.AppendLine($"- Date: {started:yyyy-MM-dd HH:mm} UTC, run took {took.TotalMinutes:0.0} min, mode: {mode}");
        b.AppendLine($"- Machine: {machine}");
        b.AppendLine("- Produced by `bench/run.sh` (see bench/README.md). Latencies are p50 / p99 / max in milliseconds.");
        b.AppendLine();
        b.AppendLine("| # | Figure | Value | Latency p50 / p99 / max (ms) | Target | Met? | Ratio to raw (same run) |");
        b.AppendLine("|---|---|---|---|---|---|---|");
        var i = 0;
        foreach (var f in figures)
            b.AppendLine($"| {++i} | {f.Name} | {f.Value} | {f.Latency} | {f.Target} | {f.Met} | {f.Ratio} |");
        b.AppendLine();
        var withNotes = figures.Where(f => f.Note.Length > 0).ToList();
        if (withNotes.Count > 0 || notes.Count > 0)
        {
            b.AppendLine("## Notes");
            b.AppendLine();
            foreach (var f in withNotes) b.AppendLine($"- **{f.Name}**: {f.Note}");
            foreach (var n in notes) b.AppendLine($"- {n}");
        }
        return b.ToString();
    }
}
