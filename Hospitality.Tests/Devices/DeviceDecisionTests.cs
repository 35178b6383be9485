using Hospitality.Domain;
using Hospitality.Domain.Devices;

namespace Hospitality.Tests.Devices;

/// <summary>Given a machine's events, when a command, then events or a readable refusal. No store, no clock.</summary>
public class DeviceDecisionTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private static Device Given(params object[] more) => GivenMachine.Registered(Id, T0, more);

    private static ReportStatus Report(long sequence, DeviceState state = DeviceState.Idle, double? temperature = 92.5, DateTimeOffset? at = null) =>
        new(sequence, state, temperature, Connectivity.Wifi, "2.1.0", [new BinLevel("beans", 800)], at ?? T0, at ?? T0);

    private static Device Apply(Device device, object[] events) =>
        events.Aggregate(device, (d, e) => Device.Fold(d, e, d.Version + 1)!);

    [Fact]
    public void A_machine_needs_a_name_a_model_and_a_serial_number_within_bounds()
    {
        Assert.Contains("needs its name", Assert.Throws<DomainException>(() =>
            DeviceDecisions.Decide(null, new RegisterDevice(Id, "downtown", " ", "EX", "SN", "h", "Maya", T0))).Message);
        Assert.Contains("model can be at most", Assert.Throws<DomainException>(() =>
            DeviceDecisions.Decide(null, new RegisterDevice(Id, "downtown", "Bar", new string('m', 41), "SN", "h", "Maya", T0))).Message);
        Assert.Contains("registered already", Assert.Throws<DomainException>(() =>
            DeviceDecisions.Decide(Given(), new RegisterDevice(Id, "downtown", "Bar", "EX", "SN", "h", "Maya", T0))).Message);
    }

    [Fact]
    public void A_report_heard_twice_changes_nothing_and_a_late_one_is_kept_without_overwriting_the_newer_state()
    {
        var device = Apply(Given(), DeviceDecisions.Report(Given(), Report(5, DeviceState.Brewing, 93)).Events);
        Assert.True(device.Online);
        Assert.Equal((DeviceState.Brewing, 93.0, 5L), (device.State, device.TemperatureC!.Value, device.LastSequence));

        var (duplicate, none) = DeviceDecisions.Report(device, Report(5, DeviceState.Error, 20));
        Assert.Equal(ReportOutcome.Duplicate, duplicate);
        Assert.Empty(none);

        var (late, events) = DeviceDecisions.Report(device, Report(3, DeviceState.Error, 20));
        Assert.Equal(ReportOutcome.Late, late);
        var after = Apply(device, events);
        Assert.Equal((DeviceState.Brewing, 93.0, 5L), (after.State, after.TemperatureC!.Value, after.LastSequence));
        Assert.Equal(ReportOutcome.Duplicate, DeviceDecisions.Report(after, Report(3)).Outcome);   // the late one, resent
    }

    [Fact]
    public void A_silent_machine_goes_offline_once_and_comes_back_with_its_next_report()
    {
        var online = Apply(Given(), DeviceDecisions.Report(Given(), Report(1)).Events);
        Assert.Empty(DeviceDecisions.Decide(online, new CheckHeartbeat(TimeSpan.FromSeconds(90), T0.AddSeconds(60))));
        var offline = Apply(online, DeviceDecisions.Decide(online, new CheckHeartbeat(TimeSpan.FromSeconds(90), T0.AddSeconds(91))));
        Assert.False(offline.Online);
        Assert.Empty(DeviceDecisions.Decide(offline, new CheckHeartbeat(TimeSpan.FromSeconds(90), T0.AddSeconds(200))));   // once

        var (_, back) = DeviceDecisions.Report(offline, Report(2, at: T0.AddSeconds(300)));
        Assert.IsType<DeviceCameOnline>(back[0]);
        Assert.True(Apply(offline, back).Online);
    }

    [Theory]
    [InlineData(0, 90.0, "positive counter")]
    [InlineData(1, 500.0, "'temperature' must be between")]
    public void A_malformed_report_is_refused_naming_the_field(long sequence, double temperature, string expected) =>
        Assert.Contains(expected, Assert.Throws<DomainException>(() => DeviceDecisions.Report(Given(), Report(sequence, temperature: temperature))).Message);
}
