using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Tests.Hubs;
using Hospitality.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hospitality.Tests.Faults;

/// <summary><c>/health</c> tells a load balancer the truth about Redis while it is down and once it is back.</summary>
public sealed class HealthDuringRedisOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private PrivateRedisServer _redis = default!;
    private FaultHost _host = default!;

    public async Task InitializeAsync()
    {
        _redis = await PrivateRedisServer.StartAsync();
        _host = new FaultHost(HostSetup.Cluster(), _redis.ConnectionString);
        _ = _host.Server;
    }

    [Fact]
    public async Task Health_is_503_with_redis_unhealthy_while_redis_is_down_and_healthy_again_once_it_is_back()
    {
        var http = _host.CreateClient();
        Assert.Equal((HttpStatusCode.OK, "Healthy", "Healthy", "Healthy"), await HealthAsync(http));

        _redis.Kill();
        var down = Stopwatch.StartNew();
        await Eventually.TrueAsync(async () => (await HealthAsync(http)).Code == HttpStatusCode.ServiceUnavailable, Bound, "/health answers 503");
        var unhealthyAfter = down.Elapsed;
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy", "Healthy", "Unhealthy"), await HealthAsync(http));

        await _redis.RestartAsync();
        var up = Stopwatch.StartNew();
        await Eventually.TrueAsync(async () => (await HealthAsync(http)).Status == "Healthy", Bound, "/health is Healthy again");
        output.WriteLine($"/health said 503 {unhealthyAfter.TotalMilliseconds:F0} ms after redis-server was killed, " +
            $"and Healthy {up.Elapsed.TotalMilliseconds:F0} ms after it listened again.");
        Assert.Equal((HttpStatusCode.OK, "Healthy", "Healthy", "Healthy"), await HealthAsync(http));
    }

    private static async Task<(HttpStatusCode Code, string Status, string Postgres, string Redis)> HealthAsync(HttpClient http)
    {
        var response = await http.GetAsync("/health");
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (response.StatusCode, (string)body["status"]!, (string)body["checks"]!["postgres"]!["status"]!, (string)body["checks"]!["redis"]!["status"]!);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
