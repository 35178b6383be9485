using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Hospitality.Web.Infrastructure;

public static class Health
{
    /// <summary>
    /// <c>/health</c>: PostgreSQL and Redis when configured, each with its status; 503 when one is down.
    /// Names the answering server (<c>Hospitality:ServerName</c>, else the machine name) for cluster checks.
    /// </summary>
    public static void MapHealth(this WebApplication app)
    {
        var server = app.Configuration["Hospitality:ServerName"] ?? Environment.MachineName;
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = async (http, report) =>
            {
                http.Response.ContentType = "application/json";
                await JsonSerializer.SerializeAsync(http.Response.Body, new
                {
                    server,
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
                }, JsonSerializerOptions.Web);
            },
        });
    }
}

/// <summary>
/// <c>dotnet Hospitality.Web.dll --health-probe</c>: asks the running app's <c>/health</c> and exits 0 when healthy.
/// The container image has no curl; this lets its HEALTHCHECK use the app itself.
/// </summary>
public static class HealthProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var url = Environment.GetEnvironmentVariable("HEALTH_PROBE_URL") ?? "http://127.0.0.1:8080/health";
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            return (await http.GetAsync(url)).IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }
}
