using Hospitality.Domain;
using Hospitality.Domain.Devices;

namespace Hospitality.Tests.Devices;

/// <summary>
/// Sequences count within a boot: given a machine's reports, when a report names a boot (or none), then it is applied,
/// late, a duplicate or the first of a restart. No store, no clock.
/// </summary>
public class DeviceRestartDecisionTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private static ReportStatus Report(long sequence, string? boot, DeviceState state = DeviceState.Idle, int second = 0) =>
        new(sequence, state, 92, Connectivity.Wifi, "2.1.0", [], T0.AddSeconds(second), T0.AddSeconds(second), boot);

    /// <summary>Reports each in turn, folding what was decided; answers the machine and the last report's outcome and events.</summary>
    private static (Device Device, ReportOutcome Outcome, object[] Events) Reported(Device device, params ReportStatus[] reports)
    {
        (ReportOutcome Outcome, object[] Events) last = (default, []);
        foreach (var report in reports)
        {
            last = DeviceDecisions.Report(device, report);
            device = last.Item2.Aggregate(device, (d, e) => Device.Fold(d, e, d.Version + 1)!);
        }
        return (device, last.Item1, last.Item2);
    }

    private static Device OnBoot(string boot, long upTo) =>
        Reported(GivenMachine.Registered(Id, T0), [.. Enumerable.Range(1, (int)upTo).Select(i => Report(i, boot, DeviceState.Brewing))]).Device;

    [Fact]
    public void A_report_from_a_new_boot_is_current_with_a_lower_sequence_and_records_the_restart()
    {
        var before = OnBoot("boot-a", 3);

        var (after, outcome, events) = Reported(before, Report(1, "boot-b", DeviceState.Cleaning, second: 60));

        Assert.Equal(ReportOutcome.Restarted, outcome);
        Assert.Equal(new DeviceRestarted(Id, "boot-a", "boot-b", 1, 3, T0.AddSeconds(60)), events[0]);
        Assert.False(Assert.IsType<DeviceStatusReported>(events[1]).Late);
        Assert.Equal((DeviceState.Cleaning, 1L, "boot-b", T0.AddSeconds(60)), (after.State, after.LastSequence, after.BootId, after.RestartedAt));
        Assert.Equal(ReportOutcome.Applied, Reported(after, Report(2, "boot-b")).Outcome);   // not a duplicate of boot-a's 2
    }

    [Fact]
    public void A_late_report_from_the_old_boot_after_the_restart_never_overwrites_the_new_state()
    {
        var (restarted, _, _) = Reported(OnBoot("boot-a", 3), Report(1, "boot-b", DeviceState.Cleaning));

        var (after, outcome, events) = Reported(restarted, Report(4, "boot-a", DeviceState.Error));

        Assert.Equal(ReportOutcome.Late, outcome);
        Assert.True(Assert.IsType<DeviceStatusReported>(Assert.Single(events)).Late);
        Assert.Equal((DeviceState.Cleaning, 1L, "boot-b"), (after.State, after.LastSequence, after.BootId));
        Assert.Equal(ReportOutcome.Applied, Reported(after, Report(4, "boot-b")).Outcome);   // boot-a's 4 is not remembered as boot-b's
        Assert.Equal(ReportOutcome.Late, Reported(Reported(after, Report(1, "boot-c")).Device, Report(9, "boot-b")).Outcome);   // nor any boot before
    }

    [Fact]
    public void Within_one_boot_a_duplicate_changes_nothing_and_a_lower_sequence_is_late()
    {
        var (device, _, _) = Reported(OnBoot("boot-a", 3), Report(1, "boot-b"), Report(5, "boot-b", DeviceState.Brewing));

        var (_, duplicate, none) = Reported(device, Report(5, "boot-b", DeviceState.Error));
        Assert.Equal(ReportOutcome.Duplicate, duplicate);
        Assert.Empty(none);
        var (after, late, _) = Reported(device, Report(3, "boot-b", DeviceState.Error));
        Assert.Equal(ReportOutcome.Late, late);
        Assert.Equal((DeviceState.Brewing, 5L), (after.State, after.LastSequence));
    }

    [Fact]
    public void Without_a_boot_id_a_lower_sequence_is_late_as_before_even_when_the_counter_restarted()
    {
        var (device, _, _) = Reported(GivenMachine.Registered(Id, T0), Report(500, null, DeviceState.Brewing));
        var (after, outcome, events) = Reported(device, Report(1, null, DeviceState.Error));
        Assert.Equal(ReportOutcome.Late, outcome);
        Assert.DoesNotContain(events, e => e is DeviceRestarted);
        Assert.Equal((DeviceState.Brewing, 500L, (string?)null), (after.State, after.LastSequence, after.BootId));
        Assert.Equal(ReportOutcome.Duplicate, Reported(after, Report(500, null)).Outcome);

        // A machine on a boot id that leaves it out is judged by its sequence alone, too.
        Assert.Equal(ReportOutcome.Late, Reported(OnBoot("boot-a", 1), Report(5, "boot-a"), Report(3, null)).Outcome);
    }

    [Fact]
    public void A_first_boot_id_is_a_restart_only_for_a_machine_heard_before()
    {
        var (fresh, first, events) = Reported(GivenMachine.Registered(Id, T0), Report(7, "boot-a"));
        Assert.Equal(ReportOutcome.Applied, first);
        Assert.DoesNotContain(events, e => e is DeviceRestarted);
        Assert.Equal(("boot-a", (DateTimeOffset?)null), (fresh.BootId, fresh.RestartedAt));

        var (heard, _, _) = Reported(GivenMachine.Registered(Id, T0), Report(900, null));
        var (_, outcome, reflashed) = Reported(heard, Report(1, "boot-a", second: 5));
        Assert.Equal(ReportOutcome.Restarted, outcome);
        Assert.Equal(new DeviceRestarted(Id, null, "boot-a", 1, 900, T0.AddSeconds(5)), reflashed[0]);
    }

    [Fact]
    public void An_offline_machine_that_restarted_comes_back_online_with_the_new_boot()
    {
        var device = OnBoot("boot-a", 2);
        var offline = Device.Fold(device, new DeviceWentOffline(Id, T0, T0.AddMinutes(5)), device.Version + 1)!;
        var (after, _, events) = Reported(offline, Report(1, "boot-b", second: 400));
        Assert.Equal([typeof(DeviceCameOnline), typeof(DeviceRestarted), typeof(DeviceStatusReported)], events.Select(e => e.GetType()));
        Assert.True(after.Online);
    }

    [Theory]
    [InlineData("")]
    [InlineData("boot a")]
    [InlineData("boot\u0000")]
    public void A_malformed_boot_id_is_refused_naming_the_field(string boot) =>
        Assert.Contains("'bootId' must be 1 to 64 characters", Assert.Throws<DomainException>(() => DeviceDecisions.Report(OnBoot("boot-a", 1), Report(2, boot))).Message);

    [Fact]
    public void A_boot_id_of_64_characters_is_taken_and_one_of_65_refused()
    {
        Assert.Equal(ReportOutcome.Restarted, DeviceDecisions.Report(OnBoot("boot-a", 1), Report(1, new string('b', 64))).Outcome);
        Assert.Equal(DomainErrorKind.Invalid, Assert.Throws<DomainException>(() => DeviceDecisions.Report(OnBoot("boot-a", 1), Report(1, new string('b', 65)))).Kind);
    }
}
