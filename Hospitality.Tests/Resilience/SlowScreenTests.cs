using System.Net.WebSockets;
using Hospitality.Domain.Tenancy;
using Hospitality.Hubs.Sessions;
using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Staff;
using Microsoft.AspNetCore.SignalR;
using Hospitality.Hubs.Backplane;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Hospitality.Tests.Resilience;

/// <summary>Reports the server's heap, so it runs with no other test class alongside (the figure is printed, not asserted).</summary>
[CollectionDefinition(nameof(HeapMeasuring), DisableParallelization = true)]
public sealed class HeapMeasuring;

/// <summary>
/// One screen of a location reads a push a second while the location's board gets a hundred: the server keeps
/// only a bounded amount for it (<c>Backplane:MaxPendingBytesPerConnection</c>), closes it past that, and the other
/// screens of that location get all hundred at once. The bound is asserted by what the slow screen can still get
/// (what the server kept for it, plus the socket buffers); the heap growth is printed for the reader, not
/// asserted, because the GC heap also holds whatever the host's background work and Kestrel's pools happen to hold
/// at that instant (a memory figure belongs to the benchmark suite, not to a pass/fail test).
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
    public async Task A_screen_reading_one_push_a_second_is_closed_past_a_bounded_backlog_and_does_not_slow_the_others_of_its_location()
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
        Assert.True(slow.Closed, "the server never closed the slow screen, so it would hold every push for it without bound");
        // After the close the screen can still get only what it had read, what the server kept for it (at most
        // MaxPendingBytesPerConnection, 1 MB: ten pushes and the one that crossed it) and what the kernel's
        // loopback buffers took (the server's send buffer grows to tcp_wmem's maximum; the screen's receive buffer
        // is 4 KB). Queueing without bound would deliver all hundred once it reads on.
        var kept = (int)(host.Services.GetRequiredService<IOptions<RedisBackplaneOptions>>().Value.MaxPendingBytesPerConnection / PushSize) + 1;
        var inKernel = (int)(KernelSendBufferMax() / PushSize) + 1;
        Assert.True(slow.Pushes <= slowRead + kept + inKernel && slow.Pushes < Updates,
            $"the slow screen got {slow.Pushes} of {Updates} pushes: more than the {slowRead} it had read, {kept} the server may keep and {inKernel} the kernel may hold");
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

    /// <summary>The most a TCP send buffer grows to on this machine (tcp_wmem's third field), 4 MB if unreadable.</summary>
    private static long KernelSendBufferMax()
    {
        try { return long.Parse(File.ReadAllText("/proc/sys/net/ipv4/tcp_wmem").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[2]); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException) { return 4 * 1024 * 1024; }
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
