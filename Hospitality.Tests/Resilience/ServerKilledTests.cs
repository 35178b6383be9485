using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Domain.Sessions;
using Hospitality.Domain.Tenancy;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;
using Xunit.Abstractions;

namespace Hospitality.Tests.Resilience;

/// <summary>
/// Two servers share PostgreSQL and Redis; one is stopped while changes stream to its screens. The screens
/// reconnect to the other server and end at the store's latest cards; a command whose answer was lost with
/// the server, retried there with the same idempotency key, is applied exactly once.
/// </summary>
public sealed class ServerKilledTests(ITestOutputHelper output)
{
    private const int Screens = 4;

    [Fact]
    public async Task Screens_of_a_stopped_server_reconnect_to_the_other_and_end_at_the_latest_cards()
    {
        var setup = HostSetup.Cluster();
        await using var a = new HospitalityHost(setup);
        var b = new HospitalityHost(setup.SecondServer());
        _ = a.Server;
        _ = b.Server;
        var tenant = await a.SeedTenantAsync();
        var bar = tenant.Location("Bar").Id;
        var staff = await a.StaffAsync(tenant.Account(StaffRole.Staff));
        var token = await a.DisplayTokenAsync(await a.StaffAsync(tenant.Account(StaffRole.Manager)), bar);
        var tables = new List<Guid>();
        for (var t = 1; t <= 3; t++) tables.Add((Guid)(await SessionsCluster.StartAsync(staff, bar, $"T{t}", ["Mint"]))["id"]!);
        var quiet = (Guid)(await SessionsCluster.StartAsync(staff, bar, "T4", ["Mint"]))["id"]!;

        var screensOnB = new List<ScreenBoard>();
        for (var i = 0; i < Screens; i++)
            screensOnB.Add(await ScreenBoard.SubscribeAsync(await b.HubWithTokenAsync("/hubs/sessions", token), bar));

        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() => ToggleRefillsAsync(staff, tables, stop.Token));
        foreach (var screen in screensOnB) { await screen.NextAsync(); await screen.NextAsync(); }   // changes are streaming

        await b.DisposeAsync();   // server B goes away mid-stream; A keeps taking commands

        foreach (var old in screensOnB)
        {
            Assert.True(await old.ClosedAsync(TimeSpan.FromSeconds(10)), "a screen of the stopped server was not disconnected");
            await old.Hub.DisposeAsync();
        }
        // A change no screen hears live: only the snapshot at Subscribe can show it.
        (await staff.PostAsJsonAsync("/api/sessions", new { action = "request_refill", sessionId = quiet })).EnsureSuccessStatusCode();

        var screensOnA = new List<ScreenBoard>();
        for (var i = 0; i < Screens; i++)
            screensOnA.Add(await ScreenBoard.SubscribeAsync(await a.HubWithTokenAsync("/hubs/sessions", token), bar));
        foreach (var screen in screensOnA) { await screen.NextAsync(); await screen.NextAsync(); }   // still streaming after the move
        stop.Cancel();
        var changes = await writer;

        var latest = (await staff.GetFromJsonAsync<JsonArray>($"/api/sessions?locationId={bar}"))!
            .ToDictionary(c => (string)c!["session"]!["id"]!, c => (long)c!["session"]!["version"]!);
        output.WriteLine($"{changes} changes acknowledged by A; latest versions {string.Join(", ", latest.Values)}; " +
            $"pushes seen on B before it stopped: {string.Join(", ", screensOnB.Select(s => s.PushesApplied))}");
        Assert.Equal(4 + changes + 1, latest.Values.Sum());   // one start each, then every acknowledged change
        foreach (var screen in screensOnA)
        {
            await screen.CatchUpAsync(latest, TimeSpan.FromSeconds(15));
            Assert.Equal(latest.OrderBy(c => c.Key), screen.Versions.OrderBy(c => c.Key));
            await screen.Hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_command_whose_server_stopped_is_applied_once_when_retried_with_its_key_on_the_other_server()
    {
        var setup = HostSetup.Cluster();
        await using var a = new HospitalityHost(setup);
        var b = new HospitalityHost(setup.SecondServer());
        _ = a.Server;
        _ = b.Server;
        var tenant = await a.SeedTenantAsync();
        var account = tenant.Account(StaffRole.Staff);
        var onA = await a.StaffAsync(account);
        var onB = await b.StaffAsync(account);
        var id = (Guid)(await SessionsCluster.StartAsync(onA, tenant.Location("Bar").Id, "T9", ["Mint"]))["id"]!;
        var body = new { action = "add_flavor", sessionId = id, flavor = "Lemon" };
        var key = Guid.NewGuid().ToString();

        // The phone sent it to B, which applied it; the answer is lost with B.
        using (var first = Post(onB, body, key)) Assert.Equal(HttpStatusCode.OK, (await onB.SendAsync(first)).StatusCode);
        await b.DisposeAsync();

        for (var retry = 0; retry < 3; retry++)
        {
            using var request = Post(onA, body, key);
            using var response = await onA.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("true", response.Headers.GetValues("Idempotent-Replayed").Single());
        }

        await using var query = a.Store.QuerySession(tenant.Tenant.Id);
        var events = await query.Events.FetchStreamAsync(id);
        Assert.Equal([typeof(SessionStarted), typeof(FlavorAdded)], events.Select(e => e.EventType));
        Assert.Equal(2, (await query.LoadAsync<SessionCard>(id))!.Version);
    }

    private static HttpRequestMessage Post(HttpClient client, object body, string key) =>
        new(HttpMethod.Post, "/api/sessions") { Content = JsonContent.Create(body), Headers = { { "Idempotency-Key", key } } };

    /// <summary>Requests and completes refills in turn on each table until stopped; returns how many were acknowledged.</summary>
    private static async Task<int> ToggleRefillsAsync(HttpClient staff, IReadOnlyList<Guid> tables, CancellationToken stop)
    {
        var needsRefill = new bool[tables.Count];
        var acknowledged = 0;
        while (!stop.IsCancellationRequested)
        {
            var t = acknowledged % tables.Count;
            var action = needsRefill[t] ? "handle_refill" : "request_refill";
            using var response = await staff.PostAsJsonAsync("/api/sessions", new { action, sessionId = tables[t] }, CancellationToken.None);
            response.EnsureSuccessStatusCode();
            needsRefill[t] = !needsRefill[t];
            acknowledged++;
            await Task.Delay(10, CancellationToken.None);
        }
        return acknowledged;
    }
}
