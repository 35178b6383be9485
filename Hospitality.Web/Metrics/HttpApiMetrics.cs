using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace Hospitality.Web.Metrics;

/// <summary>
/// Counts and times every request under <c>/api</c> by method, route template and status class (2xx, 4xx, 5xx), so
/// the API's error rate and latency can be graphed. Labels use the route template, never the raw path: ids never
/// reach a label, and the number of series stays the number of endpoints. Placed before the exception handler, it
/// sees the status the client got, and the endpoint the exception handler cleared.
/// Plain thread-safe counters rather than <c>System.Diagnostics.Metrics</c>: the exposition needs the cumulative
/// totals anyway, and a <c>MeterListener</c> would only re-aggregate the same numbers (and would hear every host in a
/// test process).
/// </summary>
public sealed class HttpApiMetrics : IMetricsSource
{
    private readonly ConcurrentDictionary<(string Method, string Route, string Status), StrongBox<long>> _requests = new();
    private readonly ConcurrentDictionary<(string Method, string Route), Histogram> _durations = new();

    public void Record(string method, string route, int status, TimeSpan elapsed)
    {
        method = KnownMethod(method);
        Interlocked.Increment(ref _requests.GetOrAdd((method, route, $"{status / 100}xx"), _ => new StrongBox<long>()).Value);
        _durations.GetOrAdd((method, route), _ => new Histogram(Histogram.LatencySeconds)).Observe(elapsed.TotalSeconds);
    }

    public ValueTask WriteAsync(MetricsWriter metrics, CancellationToken ct)
    {
        metrics.Family("hospitality_http_requests_total", MetricType.Counter, "HTTP API requests (/api) by method, route template and status class.");
        foreach (var ((method, route, status), count) in _requests.OrderBy(r => r.Key))
            metrics.Sample(Interlocked.Read(ref count.Value), ("method", method), ("route", route), ("status", status));
        metrics.Family("hospitality_http_request_duration_seconds", MetricType.Histogram, "HTTP API request duration (/api) in seconds, by method and route template.");
        foreach (var ((method, route), histogram) in _durations.OrderBy(d => d.Key))
            metrics.Histogram(histogram.Snapshot(), ("method", method), ("route", route));
        return ValueTask.CompletedTask;
    }

    /// <summary>The route template of the endpoint that answered, "unmatched" when none did (a 404 for an unknown address).</summary>
    internal static string RouteOf(HttpContext http)
    {
        var endpoint = http.GetEndpoint() ?? http.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        return endpoint is RouteEndpoint { RoutePattern.RawText: { } template }
            ? "/" + template.Trim('/')   // a group's "/" leaves "/api/orders/": name it as it is called
            : "unmatched";
    }

    // Anyone can send any method: keep the label to the methods the API has.
    private static string KnownMethod(string method) => method switch
    {
        "GET" or "POST" or "PUT" or "PATCH" or "DELETE" or "HEAD" or "OPTIONS" => method,
        _ => "OTHER",
    };

    /// <summary>The middleware; add it before <c>UseExceptionHandler</c>.</summary>
    internal sealed class Middleware(RequestDelegate next, HttpApiMetrics metrics)
    {
        public async Task InvokeAsync(HttpContext http)
        {
            if (!http.Request.Path.StartsWithSegments("/api"))
            {
                await next(http);
                return;
            }
            var started = Stopwatch.GetTimestamp();
            var status = StatusCodes.Status500InternalServerError;   // what the client gets if an exception escapes
            try
            {
                await next(http);
                status = http.Response.StatusCode;
            }
            finally
            {
                metrics.Record(http.Request.Method, RouteOf(http), status, Stopwatch.GetElapsedTime(started));
            }
        }
    }
}
