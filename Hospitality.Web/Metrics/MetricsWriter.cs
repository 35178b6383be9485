using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Hospitality.Web.Metrics;

/// <summary>What a metric family is, as the text format's <c># TYPE</c> line names it.</summary>
public enum MetricType { Counter, Gauge, Histogram }

/// <summary>
/// Writes the Prometheus text exposition format 0.0.4: a family's <c># HELP</c> and <c># TYPE</c> lines, then its samples.
/// Counters are named with <c>_total</c> (the 0.0.4 <c># TYPE</c> line carries the full name), histograms write
/// cumulative <c>_bucket{le="..."}</c> lines ending with <c>+Inf</c>, then <c>_sum</c> and <c>_count</c>.
/// Names are checked against the format's grammar, and a family may be declared once per scrape: a mistake in a
/// source fails loudly in tests instead of producing text a scraper rejects.
/// </summary>
public sealed partial class MetricsWriter
{
    /// <summary>The content type of the text format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();
    private readonly List<string> _families = [];
    private (string Name, MetricType Type)? _current;

    /// <summary>Declares a family: writes its <c># HELP</c> and <c># TYPE</c>. Its samples follow.</summary>
    public MetricsWriter Family(string name, MetricType type, string help)
    {
        if (!MetricName().IsMatch(name)) throw new ArgumentException($"'{name}' is not a valid metric name.", nameof(name));
        if (type == MetricType.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
            throw new ArgumentException($"Counter '{name}' must end with _total.", nameof(name));
        if (_families.Contains(name)) throw new InvalidOperationException($"Metric family '{name}' was already written in this scrape.");
        _families.Add(name);
        _current = (name, type);
        _text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type.ToString().ToLowerInvariant()).Append('\n');
        return this;
    }

    /// <summary>One sample of the family declared last (a counter or a gauge).</summary>
    public MetricsWriter Sample(double value, params ReadOnlySpan<(string Name, string Value)> labels)
    {
        var (name, type) = _current ?? throw new InvalidOperationException("Declare a family before writing its samples.");
        if (type == MetricType.Histogram) throw new InvalidOperationException($"'{name}' is a histogram: write it with Histogram(...).");
        return Line(name, labels, null, value);
    }

    /// <summary>A family with a single unlabelled sample.</summary>
    public MetricsWriter Single(string name, MetricType type, string help, double value) => Family(name, type, help).Sample(value);

    /// <summary>One series of the histogram declared last: its cumulative buckets, sum and count.</summary>
    public MetricsWriter Histogram(HistogramSnapshot histogram, params ReadOnlySpan<(string Name, string Value)> labels)
    {
        var (name, type) = _current ?? throw new InvalidOperationException("Declare a family before writing its samples.");
        if (type != MetricType.Histogram) throw new InvalidOperationException($"'{name}' is not a histogram.");
        long cumulative = 0;
        for (var i = 0; i < histogram.UpperBounds.Count; i++)
        {
            cumulative += histogram.BucketCounts[i];
            Line(name + "_bucket", labels, ("le", Number(histogram.UpperBounds[i])), cumulative);
        }
        Line(name + "_bucket", labels, ("le", "+Inf"), histogram.Count);
        Line(name + "_sum", labels, null, histogram.Sum);
        return Line(name + "_count", labels, null, histogram.Count);
    }

    /// <summary>Where the text is now; <see cref="RollBack"/> returns to it (a source that failed half-way writes nothing).</summary>
    internal (int Length, int Families) Mark() => (_text.Length, _families.Count);

    internal void RollBack((int Length, int Families) mark)
    {
        _text.Length = mark.Length;
        _families.RemoveRange(mark.Families, _families.Count - mark.Families);
        _current = null;
    }

    public override string ToString() => _text.ToString();

    private MetricsWriter Line(string name, ReadOnlySpan<(string Name, string Value)> labels, (string, string)? extra, double value)
    {
        _text.Append(name);
        if (labels.Length > 0 || extra is not null)
        {
            _text.Append('{');
            var first = true;
            foreach (var label in labels)
            {
                if (!LabelName().IsMatch(label.Name) || label.Name.StartsWith("__", StringComparison.Ordinal) || label.Name == "le")
                    throw new ArgumentException($"'{label.Name}' is not a label name a source may use.", nameof(labels));
                Label(label, ref first);
            }
            if (extra is { } e) Label(e, ref first);
            _text.Append('}');
        }
        _text.Append(' ').Append(Number(value)).Append('\n');
        return this;
    }

    private void Label((string Name, string Value) label, ref bool first)
    {
        if (!first) _text.Append(',');
        first = false;
        _text.Append(label.Name).Append("=\"").Append(EscapeLabelValue(label.Value)).Append('"');
    }

    /// <summary>A sample value or <c>le</c> bound as the format spells it: <c>NaN</c>, <c>+Inf</c>, <c>-Inf</c>, or the shortest round-trip decimal.</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>Label values escape backslash, double quote and line feed.</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    /// <summary>HELP text escapes backslash and line feed (quotes stay as they are).</summary>
    public static string EscapeHelp(string help) =>
        help.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}
