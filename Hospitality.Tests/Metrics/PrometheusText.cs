using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Hospitality.Tests.Metrics;

/// <summary>One sample line: its metric name, labels and value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>A family: its type, help text and samples (for a histogram, its _bucket, _sum and _count lines).</summary>
public sealed record PrometheusFamily(string Name, string Type, string Help, List<PrometheusSample> Samples);

/// <summary>
/// A strict reader of the Prometheus text format 0.0.4, as a scraper would reject it: every line is HELP, TYPE or a
/// sample matching the grammar; a family has HELP then TYPE before its samples, which are contiguous; no series twice;
/// counters end in _total and never go negative; a histogram series has ascending, cumulative buckets ending in
/// le="+Inf" equal to its _count, and a _sum. Throws <see cref="FormatException"/> naming the line at the first fault.
/// </summary>
public sealed partial class PrometheusText
{
    public IReadOnlyDictionary<string, PrometheusFamily> Families { get; }

    private PrometheusText(Dictionary<string, PrometheusFamily> families) => Families = families;

    /// <summary>The value of the one sample of <paramref name="name"/> having these labels (others may differ); 0 when there is none.</summary>
    public double Value(string name, params (string Name, string Value)[] labels)
    {
        var matches = Families.Values.SelectMany(f => f.Samples)
            .Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).ToList();
        return matches.Count switch
        {
            0 => 0,
            1 => matches[0].Value,
            _ => throw new InvalidOperationException($"{matches.Count} samples of {name} match; name more labels."),
        };
    }

    /// <summary>Every sample of <paramref name="name"/>.</summary>
    public IEnumerable<PrometheusSample> Samples(string name) => Families.Values.SelectMany(f => f.Samples).Where(s => s.Name == name);

    public static PrometheusText Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n')) throw new FormatException("The text must end with a line feed.");
        var families = new Dictionary<string, PrometheusFamily>(StringComparer.Ordinal);
        var series = new HashSet<string>(StringComparer.Ordinal);
        string? helpFor = null;
        PrometheusFamily? current = null;
        var lines = text.Split('\n')[..^1];
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            string Where() => $"line {i + 1} '{line}'";
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                var (name, help) = SplitFirst(line["# HELP ".Length..]);
                if (!MetricName().IsMatch(name)) throw new FormatException($"Bad metric name at {Where()}.");
                if (families.ContainsKey(name)) throw new FormatException($"Family {name} declared twice, at {Where()}.");
                UnescapeHelp(help, Where);
                helpFor = name;
                current = null;
            }
            else if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var (name, type) = SplitFirst(line["# TYPE ".Length..]);
                if (name != helpFor) throw new FormatException($"TYPE without HELP just before it, at {Where()}.");
                if (type is not ("counter" or "gauge" or "histogram" or "summary" or "untyped")) throw new FormatException($"Unknown type at {Where()}.");
                if (type == "counter" && !name.EndsWith("_total", StringComparison.Ordinal)) throw new FormatException($"Counter not named _total at {Where()}.");
                current = families[name] = new PrometheusFamily(name, type, lines[i - 1]["# HELP ".Length..][(name.Length + 1)..], []);
                helpFor = null;
            }
            else if (line.StartsWith('#') || line.Length == 0)
                throw new FormatException($"Unexpected comment or empty line at {Where()}.");
            else
            {
                var sample = ParseSample(line, Where);
                if (current is null || !BelongsTo(sample.Name, current))
                    throw new FormatException($"Sample outside its family (HELP and TYPE must come first, samples together) at {Where()}.");
                if (!series.Add(sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal)) + "}"))
                    throw new FormatException($"Series written twice at {Where()}.");
                if (current.Type == "counter" && !(sample.Value >= 0)) throw new FormatException($"Counter below zero or NaN at {Where()}.");
                current.Samples.Add(sample);
            }
        }
        if (helpFor is not null) throw new FormatException($"HELP for {helpFor} without TYPE.");
        foreach (var family in families.Values.Where(f => f.Type == "histogram")) CheckHistogram(family);
        return new PrometheusText(families);
    }

    private static bool BelongsTo(string sample, PrometheusFamily family) => family.Type == "histogram"
        ? sample == family.Name + "_bucket" || sample == family.Name + "_sum" || sample == family.Name + "_count"
        : sample == family.Name;

    private static void CheckHistogram(PrometheusFamily family)
    {
        static string Key(PrometheusSample s) => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal));
        foreach (var group in family.Samples.GroupBy(Key))
        {
            var buckets = group.Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal)).ToList();
            var count = group.SingleOrDefault(s => s.Name.EndsWith("_count", StringComparison.Ordinal))
                ?? throw new FormatException($"{family.Name}{{{group.Key}}} has no _count.");
            if (!group.Any(s => s.Name.EndsWith("_sum", StringComparison.Ordinal))) throw new FormatException($"{family.Name}{{{group.Key}}} has no _sum.");
            if (buckets.Count == 0 || buckets.Any(b => !b.Labels.ContainsKey("le"))) throw new FormatException($"{family.Name}{{{group.Key}}} has buckets without le.");
            if (buckets[^1].Labels["le"] != "+Inf") throw new FormatException($"{family.Name}{{{group.Key}}}: the last bucket is not le=\"+Inf\".");
            for (var i = 1; i < buckets.Count; i++)
            {
                if (!(ParseValue(buckets[i].Labels["le"]) > ParseValue(buckets[i - 1].Labels["le"]))) throw new FormatException($"{family.Name}{{{group.Key}}}: le not ascending.");
                if (buckets[i].Value < buckets[i - 1].Value) throw new FormatException($"{family.Name}{{{group.Key}}}: buckets not cumulative.");
            }
            if (buckets[^1].Value != count.Value) throw new FormatException($"{family.Name}{{{group.Key}}}: +Inf bucket {buckets[^1].Value} differs from _count {count.Value}.");
        }
    }

    private static PrometheusSample ParseSample(string line, Func<string> where)
    {
        try
        {
            return ParseSampleOrThrow(line, where);
        }
        catch (IndexOutOfRangeException)
        {
            throw new FormatException($"Line ends too early at {where()}.");
        }
    }

    private static PrometheusSample ParseSampleOrThrow(string line, Func<string> where)
    {
        var name = MetricNamePrefix().Match(line).Value;
        if (name.Length == 0) throw new FormatException($"Bad metric name at {where()}.");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = name.Length;
        if (at < line.Length && line[at] == '{')
        {
            at++;
            while (line[at] != '}')
            {
                var label = LabelNamePrefix().Match(line, at).Value;
                if (label.Length == 0) throw new FormatException($"Bad label name at {where()}.");
                at += label.Length;
                if (line.Length < at + 2 || line[at] != '=' || line[at + 1] != '"') throw new FormatException($"Expected =\" after {label} at {where()}.");
                at += 2;
                var value = new StringBuilder();
                for (; ; at++)
                {
                    if (at >= line.Length) throw new FormatException($"Unterminated label value at {where()}.");
                    if (line[at] == '"') break;
                    if (line[at] != '\\') { value.Append(line[at]); continue; }
                    at++;
                    value.Append(at < line.Length ? line[at] switch { '\\' => '\\', '"' => '"', 'n' => '\n', _ => throw new FormatException($"Bad escape at {where()}.") }
                        : throw new FormatException($"Bad escape at {where()}."));
                }
                at++;
                if (!labels.TryAdd(label, value.ToString())) throw new FormatException($"Label {label} twice at {where()}.");
                if (line[at] == ',') at++;
                else if (line[at] != '}') throw new FormatException($"Expected , or }} at {where()}.");
            }
            at++;
        }
        if (at >= line.Length || line[at] != ' ') throw new FormatException($"Expected one space before the value at {where()}.");
        return new PrometheusSample(name, labels, ParseValue(line[(at + 1)..], where));
    }

    private static double ParseValue(string text, Func<string>? where = null) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ when FloatText().IsMatch(text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => throw new FormatException($"Bad value '{text}'{(where is null ? "" : " at " + where())}."),
    };

    private static void UnescapeHelp(string help, Func<string> where)
    {
        for (var i = 0; i < help.Length; i++)
            if (help[i] == '\\' && (i + 1 >= help.Length || help[++i] is not ('\\' or 'n'))) throw new FormatException($"Bad escape in HELP at {where()}.");
    }

    private static (string, string) SplitFirst(string text)
    {
        var space = text.IndexOf(' ');
        return space < 0 ? (text, "") : (text[..space], text[(space + 1)..]);
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex MetricNamePrefix();

    [GeneratedRegex("\\G[a-zA-Z_][a-zA-Z0-9_]*")]
    private static partial Regex LabelNamePrefix();

    [GeneratedRegex("^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$")]
    private static partial Regex FloatText();
}
