using Hospitality.Domain.Alarms;
using Hospitality.Domain.Devices;
using Hospitality.Domain.RemoteCommands;
using Hospitality.Tests.Devices;

namespace Hospitality.Tests.RemoteCommands;

/// <summary>
/// The fleet sweep makes failed-command alarms durable: on a server that never raises them after the commit (as if it died
/// each time), one pass raises the missing alarm, a second changes nothing, and an alarm staff resolved stays resolved.
/// </summary>
public class CommandFailureSweepTests(LostEffects servers) : IClassFixture<LostEffects>
{
    /// <summary>A command the machine takes, acknowledges and reports failed with <paramref name="reason"/>.</summary>
    private static async Task<RemoteCommand> FailedAsync(LostFleet fleet, Guid deviceId, string reason)
    {
        var command = await fleet.SendAsync(new QueueCommandRequest(fleet.Manager, deviceId, "restart"));
        var machine = new DeviceCaller(fleet.TenantId, deviceId);
        Assert.Contains(await fleet.SendAsync(new TakeDueCommands(machine, "poll")), c => c.Id == command.Id);
        await fleet.SendAsync(new AcknowledgeCommand(machine, command.Id));
        var failed = await fleet.SendAsync(new CompleteCommand(machine, command.Id, false, reason));
        Assert.Equal(CommandStatus.Failed, failed.Status);
        return failed;
    }

    [Theory, InlineData(LostEffects.Memory), InlineData(LostEffects.Postgres)]
    public async Task A_failed_command_whose_alarm_was_lost_gets_it_from_the_sweep_once(string store)
    {
        var fleet = await servers.TenantAsync(store);
        var id = await fleet.MachineAsync();
        var command = await FailedAsync(fleet, id, "Door open. " + new string('x', 450));   // longer than an alarm's message
        Assert.Empty(await fleet.AlarmsAsync(id));

        Assert.Equal(1, await fleet.SweepAsync());
        var alarm = Assert.Single(await fleet.AlarmsAsync(id));
        Assert.Equal((AlarmKind.CommandFailed, command.Id.ToString("N"), AlarmState.Open, 1), (alarm.Kind, alarm.Subject, alarm.State, alarm.Count));
        Assert.StartsWith("Restart failed: Door open.", alarm.Message);
        Assert.Equal(AlarmDecisions.MaxMessageLength, alarm.Message.Length);

        var mark = await fleet.MarkAsync();
        Assert.Equal(0, await fleet.SweepAsync());
        Assert.Empty(await fleet.EventsSinceAsync(mark));
        Assert.Equal(alarm, Assert.Single(await fleet.AlarmsAsync(id)));
    }

    [Theory, InlineData(LostEffects.Memory), InlineData(LostEffects.Postgres)]
    public async Task A_failed_command_alarm_staff_resolved_is_not_raised_again_by_the_sweep(string store)
    {
        var fleet = await servers.TenantAsync(store);
        var id = await fleet.MachineAsync();
        await FailedAsync(fleet, id, "Grinder jammed");
        Assert.Equal(1, await fleet.SweepAsync());
        var alarm = Assert.Single(await fleet.AlarmsAsync(id));
        await fleet.SendAsync(new ResolveAlarm(fleet.Manager, alarm.Id));

        var mark = await fleet.MarkAsync();
        Assert.Equal(0, await fleet.SweepAsync());
        Assert.Empty(await fleet.EventsSinceAsync(mark));
        var resolved = Assert.Single(await fleet.AlarmsAsync(id));
        Assert.Equal((alarm.Id, AlarmState.Resolved, "Maya"), (resolved.Id, resolved.State, resolved.ResolvedBy));
    }
}
