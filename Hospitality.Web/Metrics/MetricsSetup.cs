using Microsoft.Extensions.Options;

namespace Hospitality.Web.Metrics;

/// <summary>
/// <c>GET /metrics</c>: Prometheus text from every registered <see cref="IMetricsSource"/>, for scrapers that
/// <see cref="MetricsAccess"/> allows. The numbers are this server's (requests it answered, connections it holds,
/// events it appended) unless a source says otherwise; Prometheus sums over servers.
/// </summary>
public static partial class MetricsSetup
{
    public const string Path = "/metrics";

    public static IServiceCollection AddHospitalityMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsAccess>().Bind(configuration.GetSection(MetricsAccess.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsAccess>, MetricsAccess.Validation>();
        services.AddSingleton<HttpApiMetrics>();
        services.AddSingleton<IMetricsSource>(sp => sp.GetRequiredService<HttpApiMetrics>());
        services.AddSingleton<HubConnectionMetrics>();
        services.AddSingleton<IMetricsSource>(sp => sp.GetRequiredService<HubConnectionMetrics>());
        services.AddSignalR(o => Microsoft.AspNetCore.SignalR.HubOptionsExtensions.AddFilter<HubConnectionMetrics>(o));
        services.AddSingleton<EventAppendMetrics>();
        services.AddSingleton<IMetricsSource>(sp => sp.GetRequiredService<EventAppendMetrics>());
        return services;
    }

    /// <summary>Times and counts API requests; call before <c>UseExceptionHandler</c> so it sees the status the client got.</summary>
    public static WebApplication UseHttpApiMetrics(this WebApplication app)
    {
        app.UseMiddleware<HttpApiMetrics.Middleware>();
        return app;
    }

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, async (HttpContext http, IOptions<MetricsAccess> access, IEnumerable<IMetricsSource> sources,
            ILoggerFactory loggers, CancellationToken ct) =>
        {
            if (!access.Value.Allows(http)) return Results.StatusCode(StatusCodes.Status403Forbidden);
            var metrics = new MetricsWriter();
            foreach (var source in sources)
            {
                var mark = metrics.Mark();
                try
                {
                    await source.WriteAsync(metrics, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    metrics.RollBack(mark);
                    LogSourceFailed(loggers.CreateLogger(typeof(MetricsSetup)), e, source.GetType().Name);
                }
            }
            return Results.Text(metrics.ToString(), MetricsWriter.ContentType);
        }).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics source {Source} failed; its metrics are left out of this scrape")]
    private static partial void LogSourceFailed(ILogger logger, Exception exception, string source);
}
