using Hospitality.Domain.Alarms;
using Hospitality.Domain.Devices;
using Hospitality.Tests.Devices;

namespace Hospitality.Tests.Alarms;

/// <summary>
/// The fleet sweep makes machine alarms durable: on a server whose alarm watch never runs after a commit (as if it died each
/// time), one pass raises what is missing and clears what no longer holds, and a second pass changes nothing.
/// </summary>
public class DeviceAlarmSweepTests(LostEffects servers) : IClassFixture<LostEffects>
{
    [Theory, InlineData(LostEffects.Memory), InlineData(LostEffects.Postgres)]
    public async Task A_machine_that_went_offline_while_its_alarm_was_lost_gets_it_from_the_sweep_once_and_not_again_once_staff_resolved_it(string store)
    {
        var fleet = await servers.TenantAsync(store);
        var id = await fleet.MachineAsync();
        await fleet.ReportAsync(id, 1);
        Assert.True(await fleet.SendAsync(new CheckDeviceHeartbeats(TimeSpan.Zero)) >= 1);
        Assert.Empty(await fleet.AlarmsAsync(id));   // the watch's effect is lost, and the machine will never report again

        Assert.Equal(1, await fleet.SweepAsync());
        var alarm = Assert.Single(await fleet.AlarmsAsync(id));
        Assert.Equal((AlarmKind.DeviceOffline, AlarmState.Open, 1), (alarm.Kind, alarm.State, alarm.Count));

        var mark = await fleet.MarkAsync();
        Assert.Equal(0, await fleet.SweepAsync());
        Assert.Empty(await fleet.EventsSinceAsync(mark));   // no repeat counted, nothing pushed
        Assert.Equal(alarm, Assert.Single(await fleet.AlarmsAsync(id)));

        await fleet.SendAsync(new ResolveAlarm(fleet.Manager, alarm.Id));
        Assert.Equal(0, await fleet.SweepAsync());   // staff dealt with it; the machine has not changed since
        Assert.Equal(AlarmState.Resolved, Assert.Single(await fleet.AlarmsAsync(id)).State);
    }

    [Theory, InlineData(LostEffects.Memory), InlineData(LostEffects.Postgres)]
    public async Task Alarms_whose_condition_cleared_or_whose_bin_was_removed_while_the_watch_was_lost_are_cleared_by_the_sweep(string store)
    {
        var fleet = await servers.TenantAsync(store);
        var id = await fleet.MachineAsync();
        await fleet.SendAsync(new ConfigureDeviceBin(fleet.Manager, id, "beans", "BEANS-ARABICA", 1000, 200, 0));
        await fleet.ReportAsync(id, 1, beans: 150, temperature: 99);
        Assert.Equal(2, await fleet.SweepAsync());
        Assert.Equal([AlarmKind.TemperatureOutOfRange, AlarmKind.LowStock],
            (await fleet.AlarmsAsync(id)).Where(a => !a.Resolved).Select(a => a.Kind).Order());

        await fleet.ReportAsync(id, 2, beans: 150, temperature: 92);
        Assert.Equal(1, await fleet.SweepAsync());
        var hot = Assert.Single(await fleet.AlarmsAsync(id), a => a.Kind == AlarmKind.TemperatureOutOfRange);
        Assert.Equal(("system", AlarmConditions.ClearedBecause(AlarmKind.TemperatureOutOfRange)), (hot.ResolvedBy, hot.ClearedBy));

        await fleet.SendAsync(new RemoveDeviceBin(fleet.Manager, id, "beans", null));
        Assert.Equal(1, await fleet.SweepAsync());
        Assert.All(await fleet.AlarmsAsync(id), a => Assert.Equal("system", a.ResolvedBy));
        var mark = await fleet.MarkAsync();
        Assert.Equal(0, await fleet.SweepAsync());
        Assert.Empty(await fleet.EventsSinceAsync(mark));
    }
}
