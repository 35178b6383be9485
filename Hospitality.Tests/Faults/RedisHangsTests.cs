using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hospitality.Domain.Tenancy;
using Hospitality.Hubs.Sessions;
using Hospitality.Tests.Hubs;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;
using Xunit.Abstractions;

namespace Hospitality.Tests.Faults;

/// <summary>
/// Redis that stops answering without closing its sockets (a partition, a frozen host; here SIGSTOP): a command must
/// not wait on it, because the change is already committed to PostgreSQL and only the push is at stake.
/// </summary>
public sealed class RedisHangsTests(ITestOutputHelper output) : TwoServersOnPrivateRedis
{
    [Fact]
    public async Task A_command_answers_promptly_while_redis_hangs_and_screens_catch_up_when_it_answers_again()
    {
        var staff = await A.StaffAsync(Tenant.Account(StaffRole.Staff));
        var manager = await B.StaffAsync(Tenant.Account(StaffRole.Manager));
        var id = (string)(await SessionsCluster.StartAsync(staff, "bar", "H1", ["Mint"]))["id"]!;
        await using var tv = await B.HubWithTokenAsync("/hubs/sessions", await B.DisplayTokenAsync(manager, "bar"));
        await tv.InvokeAsync("Subscribe", "bar");

        Redis.Freeze();
        var took = Stopwatch.StartNew();
        var response = await staff.PostAsJsonAsync("/api/sessions", new { action = "request_refill", sessionId = id }).WaitAsync(TimeSpan.FromSeconds(60));
        var commandTook = took.Elapsed;
        response.EnsureSuccessStatusCode();
        Assert.True(commandTook < TimeSpan.FromSeconds(5), $"The command took {commandTook}; it must not wait for a hung Redis.");
        Assert.True(A.Logs.Logged(HubPublishFailed) && A.Logs.Logged(LivePublishFailed), "The pushes that could not be sent must be logged.");

        Redis.Thaw();
        var thawed = Stopwatch.StartNew();
        var caughtUp = await CardOrResyncAsync(tv, id);
        var caughtUpAfter = thawed.Elapsed;
        var current = (await tv.InvokeAsync("Subscribe", "bar"))!.AsArray().Single(c => (string)c!["id"]! == id)!;
        Assert.Equal(2, (int)current["version"]!);
        (await staff.PostAsJsonAsync("/api/sessions", new { action = "handle_refill", sessionId = id })).EnsureSuccessStatusCode();
        JsonNode next;
        do next = (await tv.NextPushAsync(SessionTopics.CardChanged, Bound))[0]!;
        while ((string)next["id"]! != id || (int)next["version"]! < 3);
        Assert.Equal("active", (string)next["status"]!);
        output.WriteLine($"A command while Redis hangs took {commandTook.TotalMilliseconds:F0} ms; after Redis answered again the TV " +
            $"got {caughtUp} in {caughtUpAfter.TotalMilliseconds:F0} ms.");
    }

    [Fact]
    public async Task A_screen_can_connect_and_subscribe_while_redis_hangs_and_gets_changes_once_it_answers_again()
    {
        var staff = await A.StaffAsync(Tenant.Account(StaffRole.Staff));
        var manager = await B.StaffAsync(Tenant.Account(StaffRole.Manager));
        var token = await B.DisplayTokenAsync(manager, "bar");
        var id = (string)(await SessionsCluster.StartAsync(staff, "bar", "H2", ["Mint"]))["id"]!;
        // A screen already on the board: B's backplane is started and the location's group channel subscribed.
        await using var earlier = await B.HubWithTokenAsync("/hubs/sessions", token);
        await earlier.InvokeAsync("Subscribe", "bar");

        Redis.Freeze();
        var took = Stopwatch.StartNew();
        var tv = await B.HubWithTokenAsync("/hubs/sessions", token).WaitAsync(TimeSpan.FromSeconds(30));
        await using var _ = tv;
        var cards = (await tv.InvokeAsync("Subscribe", "bar").WaitAsync(TimeSpan.FromSeconds(30)))!.AsArray();
        var connectTook = took.Elapsed;
        Assert.Contains(cards, c => (string)c!["id"]! == id);
        // Bounded by the backplane's SubscribeTimeout (5 s) for the connection's own channel; the group is already subscribed.
        Assert.True(connectTook < TimeSpan.FromSeconds(12), $"Connecting and subscribing took {connectTook}; a hung Redis must not hold up screens.");

        Redis.Thaw();
        await Task.Delay(TimeSpan.FromSeconds(1));
        (await staff.PostAsJsonAsync("/api/sessions", new { action = "request_refill", sessionId = id })).EnsureSuccessStatusCode();
        JsonNode next;
        do next = (await tv.NextPushAsync(SessionTopics.CardChanged, Bound))[0]!;
        while ((string)next["id"]! != id);
        Assert.Equal(("needs_refill", 2), ((string)next["status"]!, (int)next["version"]!));
        output.WriteLine($"While Redis hung, a screen connected and subscribed in {connectTook.TotalMilliseconds:F0} ms.");
    }

    /// <summary>After a hang the TV either gets the delayed card (Redis kept the message) or is told to resync.</summary>
    private static async Task<string> CardOrResyncAsync(HubTestClient tv, string sessionId)
    {
        while (true)
        {
            var (target, args) = await tv.NextPushOfAsync([SessionTopics.CardChanged, SessionTopics.Resync], Bound);
            if (target == SessionTopics.Resync) return "Resync";
            if ((string)args[0]!["id"]! == sessionId) return $"the delayed card v{(int)args[0]!["version"]!}";
        }
    }
}
