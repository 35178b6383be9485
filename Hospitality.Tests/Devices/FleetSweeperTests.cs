using Hospitality.Domain.Alarms;
using Hospitality.Domain.Devices;
using Hospitality.Tests.Infrastructure;

namespace Hospitality.Tests.Devices;

/// <summary>Every server runs the fleet sweep on its own clock: a lost effect is repaired without anyone asking.</summary>
public sealed class FleetSweeperTests : IAsyncLifetime
{
    private readonly LostEffectsHost _host = new(HostSetup.InMemory().With(("Devices:SweepEvery", "00:00:00.200")));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_offline_alarm_the_watch_lost_is_raised_by_the_servers_own_sweep_within_rounds()
    {
        var fleet = await LostFleet.CreateAsync(_host);
        var id = await fleet.MachineAsync();
        await fleet.ReportAsync(id, 1);
        await fleet.SendAsync(new CheckDeviceHeartbeats(TimeSpan.Zero));

        IReadOnlyList<Alarm> alarms = [];
        for (var i = 0; i < 100 && alarms.Count == 0; i++, await Task.Delay(100)) alarms = await fleet.AlarmsAsync(id);
        Assert.Equal(AlarmKind.DeviceOffline, Assert.Single(alarms).Kind);
    }
}
