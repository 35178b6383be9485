using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Domain.Tenancy;
using Hospitality.Hubs.Sessions;
using Hospitality.Tests.Hubs;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;

namespace Hospitality.Tests.Faults;

/// <summary>
/// A server that (re)starts while Redis is down must still boot and serve: sign-in and commands work on
/// PostgreSQL alone, /health says 503, and once Redis is up its screens resync and changes cross servers.
/// </summary>
public sealed class ServerStartsWithRedisDownTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private PrivateRedisServer _redis = default!;
    private FaultHost _a = default!, _b = default!;
    private SeededTenant _tenant = default!;

    public async Task InitializeAsync()
    {
        _redis = await PrivateRedisServer.StartAsync();
        var setup = HostSetup.Cluster();
        _a = new FaultHost(setup, _redis.ConnectionString);
        _ = _a.Server;
        _tenant = await _a.SeedTenantAsync("Cloud Nine", ("bar", "terrace"));
        _redis.Kill();
        _b = new FaultHost(setup.SecondServer(), _redis.ConnectionString);
    }

    [Fact]
    public async Task A_server_started_during_a_redis_outage_serves_commands_and_joins_the_backplane_when_redis_returns()
    {
        var boot = Task.Run(() => _b.Server);
        await boot.WaitAsync(Bound);
        var staffOnB = await _b.StaffAsync(_tenant.Account(StaffRole.Staff));
        var card = await SessionsCluster.StartAsync(staffOnB, "bar", "T9", ["Mint"]);
        var id = (string)card["id"]!;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _b.CreateClient().GetAsync("/health")).StatusCode);
        var manager = await _b.StaffAsync(_tenant.Account(StaffRole.Manager));
        await using var tv = await _b.HubWithTokenAsync("/hubs/sessions", await _b.DisplayTokenAsync(manager, "bar"));
        await tv.InvokeAsync("Subscribe", "bar");

        await _redis.RestartAsync();
        await tv.NextPushAsync(SessionTopics.Resync, Bound);
        await Eventually.TrueAsync(async () => (await _b.CreateClient().GetAsync("/health")).StatusCode == HttpStatusCode.OK, Bound, "B is healthy");
        await Eventually.TrueAsync(async () => (await _a.CreateClient().GetAsync("/health")).StatusCode == HttpStatusCode.OK, Bound, "A is healthy");

        var staffOnA = await _a.StaffAsync(_tenant.Account(StaffRole.Staff));
        (await staffOnA.PostAsJsonAsync("/api/sessions", new { action = "request_refill", sessionId = id })).EnsureSuccessStatusCode();
        JsonNode pushed;
        do pushed = (await tv.NextPushAsync(SessionTopics.CardChanged, Bound))[0]!;
        while ((string)pushed["id"]! != id);
        Assert.Equal(("needs_refill", 2), ((string)pushed["status"]!, (int)pushed["version"]!));
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
