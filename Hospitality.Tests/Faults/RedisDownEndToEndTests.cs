using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Hospitality.Domain.Tenancy;
using Hospitality.Hubs.Backplane;
using Hospitality.Hubs.Sessions;
using Hospitality.Tests.Hubs;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Hospitality.Tests.Faults;

/// <summary>
/// Two servers sharing PostgreSQL and a private Redis that the test kills: commands keep working because
/// PostgreSQL is the source of truth, the lost pushes are logged, and once Redis is back on the same port
/// screens are told to resync and later changes reach the other server again.
/// </summary>
public sealed class RedisDownEndToEndTests(ITestOutputHelper output) : TwoServersOnPrivateRedis
{
    [Fact]
    public async Task With_redis_down_commands_still_change_the_card_and_after_a_restart_screens_resync_and_get_later_changes()
    {
        var staffOnA = await A.StaffAsync(Tenant.Account(StaffRole.Staff));
        var readerOnB = await B.StaffAsync(Tenant.Account(StaffRole.Manager));
        var token = await B.DisplayTokenAsync(readerOnB, "bar");
        var card = await SessionsCluster.StartAsync(staffOnA, "bar", "T1", ["Mint"]);
        var id = (string)card["id"]!;
        await using var tv = await B.HubWithTokenAsync("/hubs/sessions", token);
        await tv.InvokeAsync("Subscribe", "bar");
        var boardOnB = Channel.CreateUnbounded<BoardChange>();
        using var board = B.Services.GetRequiredService<SessionBoardFeed>()
            .Subscribe(Tenant.Tenant.Id, "bar", change => boardOnB.Writer.WriteAsync(change).AsTask());

        await ActAsync(staffOnA, "request_refill", id);
        Assert.Equal(("needs_refill", 2), Status(await NextCardAsync(tv, id)));

        Redis.Kill();
        await Eventually.TrueAsync(() => !Backplane(A).IsConnected && !Backplane(B).IsConnected, Bound, "both servers notice Redis is gone");
        var during = Stopwatch.StartNew();
        var completed = await ActAsync(staffOnA, "handle_refill", id);
        var commandTook = during.Elapsed;
        Assert.Equal(("active", 3), Status(completed["session"]!));
        Assert.True(commandTook < TimeSpan.FromSeconds(5), $"A command during the outage took {commandTook}; it must not wait on Redis.");
        var stored = await readerOnB.GetFromJsonAsync<JsonObject>($"/api/sessions/{id}");
        Assert.Equal(("active", 3), Status(stored!["session"]!));
        Assert.True(A.Logs.Logged(HubPublishFailed), "The lost hub push must be logged as a warning.");
        Assert.True(A.Logs.Logged(LivePublishFailed), "The lost live-feed update must be logged as a warning.");
        Assert.False(await tv.ReceivesPushAsync(SessionTopics.CardChanged, TimeSpan.FromMilliseconds(500)));

        var restart = Stopwatch.StartNew();
        await Redis.RestartAsync();
        await tv.NextPushAsync(SessionTopics.Resync, Bound);
        var resyncAfter = restart.Elapsed;
        Assert.True((await ReadResyncAsync(boardOnB.Reader)).Resync, "The Blazor board feed on B must be told to resync.");
        var refetched = (await tv.InvokeAsync("Subscribe", "bar"))!.AsArray().Single(c => (string)c!["id"]! == id)!;
        Assert.Equal(("active", 3), Status(refetched));

        await Eventually.TrueAsync(() => Backplane(A).IsConnected, Bound, "server A delivers through Redis again");
        var after = Stopwatch.StartNew();
        await ActAsync(staffOnA, "request_refill", id);
        Assert.Equal(("needs_refill", 4), Status(await NextCardAsync(tv, id)));
        output.WriteLine($"Command during the outage took {commandTook.TotalMilliseconds:F0} ms; Resync reached the TV on B " +
            $"{resyncAfter.TotalMilliseconds:F0} ms after redis-server was listening again; the next change on A reached B in {after.ElapsedMilliseconds} ms.");
    }

    private static IBackplaneStatus Backplane(FaultHost host) => host.Services.GetRequiredService<IBackplaneStatus>();

    private static async Task<JsonObject> ActAsync(HttpClient client, string action, string sessionId)
    {
        var response = await client.PostAsJsonAsync("/api/sessions", new { action, sessionId });
        Assert.True(response.IsSuccessStatusCode, $"{action} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static (string, int) Status(JsonNode card) => ((string)card["status"]!, (int)card["version"]!);

    private static async Task<JsonObject> NextCardAsync(HubTestClient client, string sessionId)
    {
        while (true)
        {
            var args = await client.NextPushAsync(SessionTopics.CardChanged, Bound);
            if ((string)args[0]!["id"]! == sessionId) return args[0]!.AsObject();
        }
    }

    private static async Task<BoardChange> ReadResyncAsync(ChannelReader<BoardChange> changes)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (true)
        {
            var change = await changes.ReadAsync(timeout.Token);
            if (change.Resync) return change;
        }
    }
}
