using Hospitality.Domain;
using Hospitality.Domain.Devices;

namespace Hospitality.Tests.Devices;

/// <summary>Given a machine's events, when a bin is set up or removed, then events or a readable refusal.</summary>
public class DeviceBinDecisionTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private static Device Given(params object[] more) => GivenMachine.Registered(Id, T0, more);

    private static ConfigureBin Beans(long capacity = 1000, long threshold = 200, long? expected = null, string code = "BEANS-ARABICA") =>
        new("beans", code, capacity, threshold, expected, "Maya", T0);

    [Fact]
    public void A_new_bin_is_set_up_with_its_material_capacity_and_threshold_and_shows_the_reported_level()
    {
        var events = DeviceDecisions.Decide(Given(), Beans(expected: 0));
        var configured = Assert.IsType<DeviceBinConfigured>(Assert.Single(events));
        Assert.Equal(("beans", "BEANS-ARABICA", 1000L, 200L), (configured.Bin, configured.MaterialCode, configured.Capacity, configured.Threshold));

        var device = Given(new DeviceStatusReported(Id, 1, DeviceState.Idle, 92, null, null, [new BinLevel("beans", 150)], T0, T0), configured);
        var stock = Assert.Single(DeviceView.Of(device).Stock);
        Assert.Equal((150L, true, 15, 3L), (stock.Level, stock.Low, stock.FillPercent, stock.Version));
    }

    [Theory]
    [InlineData(1000, 1001, "threshold of bin 'beans' must be between 0 and its capacity")]
    [InlineData(1000, -1, "threshold of bin 'beans' must be between 0 and its capacity")]
    [InlineData(0, 0, "capacity of bin 'beans' must be between 1")]
    public void A_threshold_outside_zero_to_capacity_or_an_empty_capacity_is_refused(long capacity, long threshold, string expected) =>
        Assert.Contains(expected, Assert.Throws<DomainException>(() => DeviceDecisions.Decide(Given(), Beans(capacity, threshold))).Message);

    [Fact]
    public void A_material_code_is_checked_for_shape_only()
    {
        Assert.Contains("'material_code' must be", Assert.Throws<DomainException>(() => DeviceDecisions.Decide(Given(), Beans(code: "beans; drop"))).Message);
        Assert.Single(DeviceDecisions.Decide(Given(), Beans(code: "no-such-material.1")));
    }

    [Fact]
    public void An_editor_with_a_stale_bin_version_is_refused_but_a_machine_report_in_between_does_not_make_it_stale()
    {
        var configured = DeviceDecisions.Decide(Given(), Beans())[0];
        var report = new DeviceStatusReported(Id, 1, DeviceState.Idle, 92, null, null, [new BinLevel("beans", 900)], T0, T0);
        var device = Given(configured, report);   // the bin is at version 2, the machine at 3

        var stale = Assert.Throws<DomainException>(() => DeviceDecisions.Decide(device, Beans(threshold: 300, expected: 1)));
        Assert.Equal(DomainErrorKind.Conflict, stale.Kind);
        Assert.Single(DeviceDecisions.Decide(device, Beans(threshold: 300, expected: 2)));
        Assert.Empty(DeviceDecisions.Decide(device, Beans(expected: 2)));   // unchanged: nothing to record
        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() => DeviceDecisions.Decide(device, Beans(expected: 0))).Kind);
    }

    [Fact]
    public void Removing_a_bin_leaves_its_reported_level_and_an_unknown_bin_is_not_found()
    {
        var configured = DeviceDecisions.Decide(Given(), Beans())[0];
        var report = new DeviceStatusReported(Id, 1, DeviceState.Idle, 92, null, null, [new BinLevel("beans", 900)], T0, T0);
        var removed = Given([configured, report, .. DeviceDecisions.Decide(Given(configured, report), new RemoveBin("beans", 2, "Maya", T0))]);
        Assert.Empty(removed.ConfiguredBins);
        Assert.Equal(900, removed.LevelOf("beans"));
        Assert.Equal(DomainErrorKind.NotFound, Assert.Throws<DomainException>(() => DeviceDecisions.Decide(removed, new RemoveBin("milk", null, "Maya", T0))).Kind);
    }
}
