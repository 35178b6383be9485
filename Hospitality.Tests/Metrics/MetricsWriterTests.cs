using System.Globalization;
using Hospitality.Web.Metrics;

namespace Hospitality.Tests.Metrics;

/// <summary>The text exposition writer: escaping, numbers, histograms, and the mistakes it refuses.</summary>
public sealed class MetricsWriterTests
{
    [Fact]
    public void Label_values_escape_backslash_quote_and_line_feed_and_read_back_as_written()
    {
        var tricky = "C:\\bar \"terrace\"\nsecond line";
        var text = new MetricsWriter().Family("x_total", MetricType.Counter, "Help with \\ and\nnewline and \"quotes\".")
            .Sample(1, ("where", tricky)).ToString();

        Assert.Equal(
            "# HELP x_total Help with \\\\ and\\nnewline and \"quotes\".\n" +
            "# TYPE x_total counter\n" +
            "x_total{where=\"C:\\\\bar \\\"terrace\\\"\\nsecond line\"} 1\n", text);
        Assert.Equal(tricky, PrometheusText.Parse(text).Samples("x_total").Single().Labels["where"]);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(42d, "42")]
    [InlineData(-3.5, "-3.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.00001, "1E-05")]
    [InlineData(1e21, "1E+21")]
    public void Numbers_use_the_formats_spelling_whatever_the_culture(double value, string expected)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");   // a decimal comma would break the format
        try
        {
            Assert.Equal(expected, MetricsWriter.Number(value));
            var text = new MetricsWriter().Single("g", MetricType.Gauge, "g", value).ToString();
            Assert.Equal($"g {expected}\n", text.Split('\n', 3)[2]);
            Assert.Equal(value, PrometheusText.Parse(text).Value("g"));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Histogram_buckets_are_cumulative_inclusive_of_their_bound_and_end_with_inf_equal_to_the_count()
    {
        var histogram = new Histogram([0.1, 0.5, 1]);
        foreach (var seconds in new[] { 0.05, 0.1, 0.3, 0.7, 2, 3 }) histogram.Observe(seconds);

        var text = new MetricsWriter().Family("d_seconds", MetricType.Histogram, "Durations.").Histogram(histogram.Snapshot(), ("route", "/api/x")).ToString();

        Assert.Equal(
            "# HELP d_seconds Durations.\n# TYPE d_seconds histogram\n" +
            "d_seconds_bucket{route=\"/api/x\",le=\"0.1\"} 2\n" +
            "d_seconds_bucket{route=\"/api/x\",le=\"0.5\"} 3\n" +
            "d_seconds_bucket{route=\"/api/x\",le=\"1\"} 4\n" +
            "d_seconds_bucket{route=\"/api/x\",le=\"+Inf\"} 6\n" +
            "d_seconds_sum{route=\"/api/x\"} 6.15\n" +
            "d_seconds_count{route=\"/api/x\"} 6\n", text);
        PrometheusText.Parse(text);
    }

    [Fact]
    public void Histogram_observed_from_many_threads_loses_nothing()
    {
        var histogram = new Histogram(Histogram.LatencySeconds);
        Parallel.For(0, 10_000, i => histogram.Observe(i % 2 == 0 ? 0.001 : 20));
        var snapshot = histogram.Snapshot();
        Assert.Equal((10_000L, 5_000L), (snapshot.Count, snapshot.BucketCounts[0]));
    }

    [Fact]
    public void Mistakes_a_scraper_would_reject_are_refused_when_written()
    {
        Assert.Throws<ArgumentException>(() => new MetricsWriter().Family("requests", MetricType.Counter, "no _total"));
        Assert.Throws<ArgumentException>(() => new MetricsWriter().Family("bad-name", MetricType.Gauge, "h"));
        Assert.Throws<ArgumentException>(() => new MetricsWriter().Family("g", MetricType.Gauge, "h").Sample(1, ("bad label", "v")));
        Assert.Throws<ArgumentException>(() => new MetricsWriter().Family("g", MetricType.Gauge, "h").Sample(1, ("le", "v")));
        Assert.Throws<InvalidOperationException>(() => new MetricsWriter().Sample(1));
        Assert.Throws<InvalidOperationException>(() => new MetricsWriter().Single("g", MetricType.Gauge, "h", 1).Single("g", MetricType.Gauge, "h", 2));
        Assert.Throws<ArgumentException>(() => new Histogram([1, 0.5]));
    }

    [Theory]
    [InlineData("x 1\n", "outside its family")]
    [InlineData("# TYPE x gauge\nx 1\n", "TYPE without HELP")]
    [InlineData("# HELP x h\n# TYPE x gauge\nx{a=\"1\"} 1\nx{a=\"1\"} 2\n", "twice")]
    [InlineData("# HELP x h\n# TYPE x gauge\nx 1,5\n", "Bad value")]
    [InlineData("# HELP x h\n# TYPE x gauge\nx{a=\"\\t\"} 1\n", "Bad escape")]
    [InlineData("# HELP h h\n# TYPE h histogram\nh_bucket{le=\"1\"} 3\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 2\n", "not cumulative")]
    [InlineData("# HELP h h\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n", "differs from _count")]
    [InlineData("# HELP h h\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n", "+Inf")]
    public void The_tests_parser_rejects_text_a_scraper_would_reject(string text, string reason)
    {
        Assert.Contains(reason, Assert.Throws<FormatException>(() => PrometheusText.Parse(text)).Message);
    }
}
