using Hospitality.Domain.Common;
using Hospitality.Domain.Devices;
using Hospitality.Domain.RemoteCommands;
using Hospitality.Simulator;
using Hospitality.Tests.Infrastructure;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hospitality.Tests.Simulator;

/// <summary>
/// A simulated fleet against the real web app (in-memory, TestServer): the same code the console command and the demo
/// run, with its HTTP calls and its hub connection going through the host's pipeline (token auth, rate limits, hub).
/// </summary>
public sealed class FleetOnTheHostTests : IAsyncLifetime
{
    private readonly HospitalityHost _host = new(HostSetup.InMemory().With(("Devices:OfflineAfter", "00:00:02"), ("Devices:CheckEvery", "00:00:00.500")));
    private readonly CancellationTokenSource _stop = new();
    private Actor _manager = default!;
    private Fleet _fleet = default!;
    private Task _running = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        var tenant = await _host.SeedTenantAsync();
        _manager = new Actor(tenant.Tenant.Id, "Test manager");
        var machines = new List<MachineCredentials>();
        foreach (var name in new[] { "Bar espresso", "Terrace espresso" })
        {
            var registered = await SendAsync(new RegisterDeviceRequest(_manager, tenant.Locations[0].Id, name, "EX-200", $"SN-{name.Length}-{Guid.NewGuid():N}"[..12]));
            machines.Add(new MachineCredentials(registered.Device.Id, registered.Token!, name));
        }
        // Each machine may make 120 calls a minute (sales and reports): one report a second and some sales stay under it.
        var options = new SimulatorOptions { Interval = TimeSpan.FromSeconds(1), CompleteAfter = TimeSpan.FromMilliseconds(200) };
        _fleet = Fleet.Create(machines, _host.CreateClient(), options, NullLoggerFactory.Instance, ConnectThroughTestServer, new Random(3), salesPerTick: 0.6);
        _running = _fleet.RunAsync(_stop.Token);
    }

    private Task<System.Net.WebSockets.WebSocket> ConnectThroughTestServer(Uri address, CancellationToken ct) =>
        _host.Server.CreateWebSocketClient().ConnectAsync(new UriBuilder(address) { Scheme = "http" }.Uri, ct);

    [Fact]
    public async Task Machines_report_with_rising_sequences_and_record_sales_that_drain_their_bins()
    {
        var id = _fleet["Bar espresso"].Machine.DeviceId;
        var first = await EventuallyAsync(() => SendAsync(new GetDevice(_manager, id)), d => d.LastSequence > 0 && d.Online);
        var later = await EventuallyAsync(() => SendAsync(new GetDevice(_manager, id)), d => d.LastSequence >= first.LastSequence + 3);

        Assert.Contains(later.Bins, b => b.Bin == "cups" && b.Level < 100);
        Assert.InRange(later.TemperatureC!.Value, 85, 96);
        await EventuallyAsync(() => Task.FromResult(_fleet.Counters), c => c.Sales >= 2 && c.Reports >= 4);
        Assert.Equal(0, _fleet.Counters.Refused);
    }

    [Fact]
    public async Task A_command_is_pushed_to_the_machine_over_the_hub_acknowledged_and_succeeds()
    {
        var driver = _fleet["Terrace espresso"];
        await EventuallyAsync(() => SendAsync(new GetDevice(_manager, driver.Machine.DeviceId)), d => d.Bins.Any(b => b.Bin == "cups" && b.Level < 100));

        var queued = await SendAsync(new QueueCommandRequest(_manager, driver.Machine.DeviceId, "clean"));
        var done = await EventuallyAsync(() => SendAsync(new GetRemoteCommand(_manager, queued.Id)), c => c.IsFinal);

        Assert.Equal(CommandStatus.Succeeded, done.Status);
        Assert.NotNull(done.AcknowledgedAt);
        Assert.Equal(1, done.Attempts);
        Assert.Equal("Cleaned; every bin refilled", done.Result);
        await EventuallyAsync(() => SendAsync(new GetDevice(_manager, driver.Machine.DeviceId)), d => d.Bins.Any(b => b.Bin == "cups" && b.Level >= 98));
    }

    [Fact]
    public async Task A_restarted_machine_counts_from_1_under_a_new_boot_and_the_server_follows_it()
    {
        var driver = _fleet["Terrace espresso"];
        var before = await EventuallyAsync(() => SendAsync(new GetDevice(_manager, driver.Machine.DeviceId)), d => d.LastSequence > 0);
        Assert.Equal(driver.Machine.BootId, before.BootId);

        await SendAsync(new QueueCommandRequest(_manager, driver.Machine.DeviceId, "restart"));
        var after = await EventuallyAsync(() => SendAsync(new GetDevice(_manager, driver.Machine.DeviceId)), d => d.RestartedAt is not null && d.LastSequence >= 2);

        Assert.NotEqual(before.BootId, after.BootId);
        Assert.InRange(after.LastSequence, 2, 100);   // counting from 1 again, and still taken as current
    }

    [Fact]
    public async Task A_silenced_machine_goes_offline_and_comes_back_online_when_it_speaks_again()
    {
        var driver = _fleet["Bar espresso"];
        await EventuallyAsync(() => SendAsync(new GetDevice(_manager, driver.Machine.DeviceId)), d => d.Online);

        driver.GoSilent();
        var offline = await EventuallyAsync(() => SendAsync(new GetDevice(_manager, driver.Machine.DeviceId)), d => !d.Online);
        driver.ComeBack();
        var back = await EventuallyAsync(() => SendAsync(new GetDevice(_manager, driver.Machine.DeviceId)), d => d.Online);

        Assert.True(back.LastSequence > offline.LastSequence);
        Assert.True((await SendAsync(new GetDevice(_manager, _fleet["Terrace espresso"].Machine.DeviceId))).Online, "The other machine went offline too.");
    }

    [Fact]
    public async Task Stopping_the_fleet_ends_every_machine_promptly()
    {
        await EventuallyAsync(() => Task.FromResult(_fleet.Counters), c => c.Reports >= 2);

        _stop.Cancel();

        await _running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Still not there: {value}");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        _stop.Cancel();
        try { await _running.WaitAsync(TimeSpan.FromSeconds(10)); } catch (Exception) { }
        await _host.DisposeAsync();
    }
}
