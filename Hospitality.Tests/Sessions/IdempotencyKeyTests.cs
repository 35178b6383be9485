using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Infrastructure;

namespace Hospitality.Tests.Sessions;

/// <summary>
/// <c>Idempotency-Key</c> on the sessions API: the key's record commits with the command, so a retry after a
/// refusal or a crash before the commit runs the command, and nothing is ever applied twice.
/// </summary>
public class IdempotencyKeyTests(SessionsCluster cluster) : IClassFixture<SessionsCluster>
{
    private static HttpRequestMessage Post(object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions") { Content = JsonContent.Create(body) };
        request.Headers.Add(IdempotencyMiddleware.Header, key);
        return request;
    }

    private static async Task<JsonObject> CardAsync(HttpClient client, JsonObject card) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/sessions/{card["id"]}"))!["session"]!.AsObject();

    private async Task<(HttpClient, JsonObject)> StartedAsync()
    {
        var client = await cluster.A.StaffAsync(cluster.CloudStaff);
        return (client, await SessionsCluster.StartAsync(client, cluster.Bar, Random.Shared.Next(100, 999).ToString(), ["Mint"]));
    }

    [Fact]
    public async Task A_refused_request_leaves_its_key_free_so_the_same_request_applies_once_its_cause_is_fixed()
    {
        var (client, card) = await StartedAsync();
        var complete = new { action = "handle_refill", sessionId = card["id"] };

        var refused = await client.SendAsync(Post(complete, "tablet-3-complete"));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("no refill", (await refused.Content.ReadAsStringAsync()).ToLowerInvariant());

        var requested = await client.PostAsJsonAsync("/api/sessions", new { action = "request_refill", sessionId = card["id"] });
        Assert.Equal(HttpStatusCode.OK, requested.StatusCode);
        var retried = await client.SendAsync(Post(complete, "tablet-3-complete"));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.False(retried.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(3, (int)(await CardAsync(client, card))["version"]!);
    }

    [Fact]
    public async Task Ten_concurrent_repeats_across_both_servers_apply_the_request_exactly_once()
    {
        var (client, card) = await StartedAsync();
        var onB = await cluster.B.StaffAsync(cluster.CloudStaff);
        var body = new { action = "add_flavor", sessionId = card["id"], flavor = "Lemon" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(i => (i % 2 == 0 ? client : onB).SendAsync(Post(body, "phone-9-lemon"))));

        var answers = await Task.WhenAll(responses.Select(async r => (r.StatusCode, Body: await r.Content.ReadAsStringAsync())));
        Assert.All(answers, a => Assert.True(
            a.StatusCode == HttpStatusCode.OK || (a.StatusCode == HttpStatusCode.Conflict && a.Body.Contains("still being processed")),
            $"{a.StatusCode}: {a.Body}"));
        Assert.Single(answers.Where(a => a.StatusCode == HttpStatusCode.OK).Select(a => a.Body).Distinct());
        var after = await CardAsync(client, card);
        Assert.Equal(2, (int)after["version"]!);
        Assert.Equal(["Mint", "Lemon"], after["flavors"]!.AsArray().Select(f => (string)f!));
    }

    [Fact]
    public async Task A_request_applied_by_a_server_that_died_before_recording_its_answer_is_never_applied_again()
    {
        var (client, card) = await StartedAsync();
        var body = new { action = "request_refill", sessionId = card["id"] };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Post(body, "tv-2-refill"))).StatusCode);
        // What a server killed between the command's commit and recording the answer leaves behind.
        await using (var session = cluster.A.Store.LightweightSession(cluster.Cloud.Tenant.Id))
        {
            var record = (await session.Query<IdempotentResponse>().Where(r => r.Id.EndsWith("|tv-2-refill")).ToListAsync()).Single();
            session.Store(record with
            {
                Completed = false, StatusCode = 0, Body = null, At = DateTimeOffset.UtcNow - IdempotencyMiddleware.AnswerWindow * 2,
            });
            await session.SaveChangesAsync();
        }

        var retried = await client.SendAsync(Post(body, "tv-2-refill"));

        Assert.Equal(HttpStatusCode.Conflict, retried.StatusCode);
        Assert.Contains("will not be applied again", await retried.Content.ReadAsStringAsync());
        Assert.Equal(2, (int)(await CardAsync(client, card))["version"]!);
    }
}
