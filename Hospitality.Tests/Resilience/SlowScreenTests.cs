using System.Net.WebSockets;
using Hospitality.Domain.Tenancy;
using Hospitality.Hubs.Sessions;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Staff;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Hospitality.Tests.Resilience;

/// <summary>Measures the server's heap, so it runs with no other test class alongside.</summary>
[CollectionDefinition(nameof(HeapMeasuring), DisableParallelization = true)]
public sealed class HeapMeasuring;

/// <summary>
/// One screen of a location reads a push a second while the location's board gets a hundred: the server keeps
/// only a bounded amount for it (or drops it), and the other screens of that location get all hundred at once.
/// Pushes are padded to 100 KB so that a hundred (10 MB) are far past what the socket and transport buffers
/// hold; real cards are smaller, a busy venue just takes longer to get there.
/// </summary>
[Collection(nameof(HeapMeasuring))]
public sealed class SlowScreenTests(ITestOutputHelper output)
{
    private const int Updates = 100;
    private const int PushSize = 100_000;
    private const int FastScreens = 4;

    [Fact]
    public async Task A_screen_reading_one_push_a_second_costs_bounded_memory_and_does_not_slow_the_others_of_its_location()
    {
        await using var host = new HospitalityHost(HostSetup.Cluster());
        var address = new Uri(host.StartOnKestrel());
        var tenant = await host.SeedTenantAsync();
        var bar = tenant.Location("Bar").Id;
        // On Kestrel the factory's clients follow redirects; sign in with a plain client as a browser would.
        using var manager = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new() }) { BaseAddress = address };
        var account = tenant.Account(StaffRole.Manager);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await StaffHost.PostSignInAsync(manager, account.Email, HospitalityHost.Password)).StatusCode);
        var token = await host.DisplayTokenAsync(manager, bar);

        var fast = new List<HubTestClient>();
        for (var i = 0; i < FastScreens; i++)
        {
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri($"ws://{address.Authority}/hubs/sessions?access_token={Uri.EscapeDataString(token)}"), default);
            var screen = await HubTestClient.ConnectAsync(socket);
            await screen.InvokeAsync("Subscribe", bar);
            fast.Add(screen);
        }
        var board = host.Services.GetRequiredService<IHubContext<SessionsHub>>().Clients.Group(SessionTopics.Group(tenant.Tenant.Id, bar));

        // A first hundred with fast screens only brings the server's buffer pools to their working size.
        await SendHundredAsync(board, firstVersion: 1);
        Assert.All(await ReceiveHundredAsync(fast), versions => Assert.Equal(Enumerable.Range(1, Updates), versions));
        var heapBefore = Heap();

        await using var slow = await SlowScreen.SubscribeAsync(address.Port, token, bar);
        using var stopReading = new CancellationTokenSource();
        var slowReader = Task.Run(async () =>
        {
            while (!stopReading.IsCancellationRequested && await slow.ReadOnePushAsync())
                await Task.Delay(1000, stopReading.Token);
        });
        await SendHundredAsync(board, firstVersion: Updates + 1);
        // Every fast screen gets all hundred, in order, while the slow one has read only a few: they never wait
        // for its reads (held to its pace, they would finish only when it had read what the buffers cannot hold).
        var received = await ReceiveHundredAsync(fast);
        var slowRead = slow.Pushes;
        var heapGrowth = Heap() - heapBefore;
        stopReading.Cancel();
        try { await slowReader; } catch (OperationCanceledException) { }

        // What the server kept for the slow screen reaches it when it reads on, then the server's close.
        try { while (await slow.ReadOnePushAsync().WaitAsync(TimeSpan.FromSeconds(10))) { } } catch (TimeoutException) { }
        output.WriteLine($"fast screens got {string.Join(", ", received.Select(r => r.Count))} of {Updates} while the slow one had read " +
            $"{slowRead}; server heap grew {heapGrowth / 1024} KB for {Updates * PushSize / 1024} KB sent; the slow screen got " +
            $"{slow.Pushes} pushes in all{(slow.Closed ? ", then the server closed it" : " and was not closed")}");

        Assert.All(received, versions => Assert.Equal(Enumerable.Range(Updates + 1, Updates), versions));
        Assert.True(slowRead < Updates / 4, $"the fast screens finished only after the slow one had read {slowRead} pushes");
        Assert.True(heapGrowth < Updates * PushSize / 2,
            $"the server holds {heapGrowth / 1024} KB more with a slow screen after {Updates * PushSize / 1024} KB were sent to its location");
        Assert.True(slow.Closed && slow.Pushes < Updates, "the server neither closed the slow screen nor dropped anything for it");
        foreach (var screen in fast) await screen.DisposeAsync();
    }

    private static async Task SendHundredAsync(IClientProxy board, int firstVersion)
    {
        var padding = new string('x', PushSize);
        for (var version = firstVersion; version < firstVersion + Updates; version++)
        {
            await board.SendAsync(SessionTopics.CardChanged, new { id = "busy", version, padding });
            await Task.Delay(10);   // a busy room, not one burst: screens that keep up have little waiting
        }
    }

    private static async Task<List<int>[]> ReceiveHundredAsync(IEnumerable<HubTestClient> screens) =>
        await Task.WhenAll(screens.Select(async screen =>
        {
            var versions = new List<int>();
            try
            {
                while (versions.Count < Updates)
                    versions.Add((int)(await screen.NextPushAsync(SessionTopics.CardChanged, TimeSpan.FromSeconds(20)))[0]!["version"]!);
            }
            catch (OperationCanceledException) { }
            return versions;
        }));

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
