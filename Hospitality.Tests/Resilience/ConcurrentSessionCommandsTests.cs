using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Domain.Sessions;
using Hospitality.Domain.Tenancy;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;

namespace Hospitality.Tests.Resilience;

/// <summary>
/// Fifty staff phones act on one session at once through <c>POST /api/sessions</c> on PostgreSQL: one wins each
/// version, the rest get 409, and the session's events stay 1..N with its card at N.
/// </summary>
public sealed class ConcurrentSessionCommandsTests
{
    private const int Phones = 50;

    [Fact]
    public async Task Fifty_phones_acting_on_one_session_at_once_leave_one_winner_per_version_and_409_for_the_rest()
    {
        await using var host = new HospitalityHost(HostSetup.Cluster());
        var tenant = await host.SeedTenantAsync();
        var staff = await host.StaffAsync(tenant.Account(StaffRole.Staff));
        var card = await SessionsCluster.StartAsync(staff, tenant.Location("Bar").Id, "T1", ["Mint"]);
        var id = (Guid)card["id"]!;

        const int rounds = 6;
        for (var round = 1; round <= rounds; round++)
        {
            var version = round;   // started at 1; each round adds one event
            var action = round % 2 == 1 ? "request_refill" : "handle_refill";
            // Half the rounds carry the version the phone saw; the others rely on the store's check alone.
            long? expectedVersion = round <= rounds / 2 ? version : null;
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var posts = Enumerable.Range(0, Phones).Select(_ => Task.Run(async () =>
            {
                await gate.Task;
                using var response = await staff.PostAsJsonAsync("/api/sessions", new { action, sessionId = id, expectedVersion });
                return response.StatusCode;
            })).ToList();
            gate.SetResult();
            var statuses = await Task.WhenAll(posts);

            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
            Assert.All(statuses.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.Conflict, s));
        }

        await using var query = host.Store.QuerySession(tenant.Tenant.Id);
        var events = await query.Events.FetchStreamAsync(id);
        Assert.Equal(Enumerable.Range(1, rounds + 1).Select(v => (long)v), events.Select(e => e.Version));
        Assert.Equal(rounds + 1, (await query.LoadAsync<SessionCard>(id))!.Version);
        var fetched = await staff.GetFromJsonAsync<JsonObject>($"/api/sessions/{id}");
        Assert.Equal(rounds + 1, (long)fetched!["session"]!["version"]!);
    }
}
