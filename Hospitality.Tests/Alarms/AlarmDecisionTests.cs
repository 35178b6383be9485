using Hospitality.Domain;
using Hospitality.Domain.Alarms;
using Hospitality.Domain.Devices;

namespace Hospitality.Tests.Alarms;

/// <summary>Alarm conditions read from a machine's state, and alarm decisions: given events, when seen or changed, then events.</summary>
public class AlarmDecisionTests
{
    private static readonly Guid DeviceId = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly AlarmSource Source = new("cloud", DeviceId, "Bar espresso", "bar");
    private static readonly AlarmRules Rules = new() { TemperatureByModel = new Dictionary<string, TemperatureRange> { ["COLD-1"] = new(60, 70) } };

    private static Device Machine(DeviceState state, double? temperature, long? beans = null, string model = "EX-200", bool online = true)
    {
        object[] events =
        [
            new DeviceRegistered(DeviceId, "bar", "Bar espresso", model, "SN-1", "hash", "Maya", T0),
            new DeviceBinConfigured(DeviceId, "beans", "BEANS", 1000, 200, "Maya", T0),
            new DeviceStatusReported(DeviceId, 1, state, temperature, null, null, beans is { } b ? [new BinLevel("beans", b)] : [], T0, T0),
            .. online ? Array.Empty<object>() : [new DeviceWentOffline(DeviceId, T0, T0.AddMinutes(2))],
        ];
        Device? device = null;
        for (var i = 0; i < events.Length; i++) device = Device.Fold(device, events[i], i + 1);
        return device!;
    }

    private static bool? Holds(Device device, AlarmKind kind) => AlarmConditions.Of(device, Rules).Single(c => c.Kind == kind).Holds;

    private static Alarm Fold(params object[] events)
    {
        Alarm? alarm = null;
        for (var i = 0; i < events.Length; i++) alarm = Alarm.Fold(alarm, events[i], i + 1);
        return alarm!;
    }

    private static SeeCondition LowBeans(long? deviceVersion, DateTimeOffset? at = null, string message = "Beans are low.") =>
        new(Source, AlarmKind.LowStock, "beans", message, deviceVersion, at ?? T0);

    [Theory]
    [InlineData(DeviceState.Brewing, 93.0, "EX-200", false)]
    [InlineData(DeviceState.Brewing, 97.5, "EX-200", true)]
    [InlineData(DeviceState.Idle, 80.0, "EX-200", true)]
    [InlineData(DeviceState.Cleaning, 40.0, "EX-200", false)]
    [InlineData(DeviceState.Idle, 65.0, "COLD-1", false)]
    [InlineData(DeviceState.Idle, 93.0, "COLD-1", true)]
    public void Temperature_is_out_of_range_only_while_idle_or_brewing_and_by_the_models_own_range(DeviceState state, double temperature, string model, bool expected) =>
        Assert.Equal(expected, Holds(Machine(state, temperature, model: model), AlarmKind.TemperatureOutOfRange));

    [Fact]
    public void An_offline_machine_or_an_unreported_level_tells_nothing_about_temperature_or_stock()
    {
        var offline = Machine(DeviceState.Brewing, 120, online: false);
        Assert.True(Holds(offline, AlarmKind.DeviceOffline));
        Assert.Null(Holds(offline, AlarmKind.TemperatureOutOfRange));
        Assert.Null(Holds(offline, AlarmKind.LowStock));
        Assert.True(Holds(Machine(DeviceState.Idle, 92, beans: 199), AlarmKind.LowStock));
        Assert.False(Holds(Machine(DeviceState.Idle, 92, beans: 200), AlarmKind.LowStock));   // at the threshold is not under it
        var neverHeard = Device.Fold(null, new DeviceRegistered(DeviceId, "bar", "Bar espresso", "EX-200", "SN-1", "hash", "Maya", T0), 1)!;
        Assert.Null(Holds(neverHeard, AlarmKind.DeviceOffline));   // not installed yet, not offline
    }

    [Fact]
    public void A_condition_seen_again_while_its_alarm_is_open_only_counts_and_the_same_view_of_the_machine_counts_once()
    {
        var raised = Assert.IsType<AlarmRaised>(Assert.Single(AlarmDecisions.See(null, LowBeans(5))));
        Assert.Equal((1, AlarmStreams.Id("cloud", DeviceId, AlarmKind.LowStock, "beans", 1)), (raised.Occurrence, raised.AlarmId));
        var open = Fold(raised, new AlarmAcknowledged(raised.AlarmId, "Sam", T0));

        Assert.IsType<AlarmRepeated>(Assert.Single(AlarmDecisions.See(open, LowBeans(6, T0.AddMinutes(1)))));
        Assert.Empty(AlarmDecisions.See(open, LowBeans(5, T0.AddMinutes(1))));   // the same report, judged on another server
        // The next report 30 s later says the same: not counted until a minute has passed, unless it says something new.
        Assert.Empty(AlarmDecisions.See(open, LowBeans(6, T0.AddSeconds(30))));
        Assert.IsType<AlarmRepeated>(Assert.Single(AlarmDecisions.See(open, LowBeans(6, T0.AddSeconds(30), "Beans are lower."))));
        var counted = Fold(raised, new AlarmAcknowledged(raised.AlarmId, "Sam", T0), new AlarmRepeated(raised.AlarmId, "Beans are low.", 6, T0));
        Assert.Equal((2, AlarmState.Acknowledged), (counted.Count, counted.State));
    }

    [Fact]
    public void A_cleared_alarm_resolves_by_itself_and_the_condition_coming_back_is_a_new_occurrence_with_its_own_stream()
    {
        var raised = (AlarmRaised)AlarmDecisions.See(null, LowBeans(5))[0];
        Assert.Empty(AlarmDecisions.Clear(Fold(raised), "refilled", 5, T0));   // an older or the same view of the machine clears nothing
        var cleared = Fold(raised, Assert.Single(AlarmDecisions.Clear(Fold(raised), "refilled", 7, T0)));
        Assert.Equal((AlarmState.Resolved, "refilled", "system"), (cleared.State, cleared.ClearedBy, cleared.ResolvedBy));

        Assert.Empty(AlarmDecisions.See(cleared, LowBeans(6)));   // a late listener with the low view before the refill
        var again = Assert.IsType<AlarmRaised>(Assert.Single(AlarmDecisions.See(cleared, LowBeans(9))));
        Assert.Equal(2, again.Occurrence);
        Assert.NotEqual(raised.AlarmId, again.AlarmId);
    }

    [Fact]
    public void A_failed_command_never_clears_by_itself_and_only_staff_resolve_it()
    {
        var raised = (AlarmRaised)AlarmDecisions.See(null, new SeeCondition(Source, AlarmKind.CommandFailed, "cmd-1", "Restart failed.", null, T0))[0];
        Assert.Empty(AlarmDecisions.Clear(Fold(raised), "gone", 99, T0));
        Assert.IsType<AlarmRepeated>(Assert.Single(AlarmDecisions.See(Fold(raised), new SeeCondition(Source, AlarmKind.CommandFailed, "cmd-1", "Again.", null, T0))));

        var resolved = Fold(raised, Assert.Single(AlarmDecisions.Resolve(Fold(raised), "Sam", T0)));
        Assert.Equal(("Sam", (string?)null), (resolved.ResolvedBy, resolved.ClearedBy));
        Assert.Empty(AlarmDecisions.Resolve(resolved, "Kim", T0));
        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() => AlarmDecisions.Acknowledge(resolved, "Kim", T0)).Kind);
    }

    private static Alarm Open(AlarmKind kind, string subject = "", Guid? deviceId = null) =>
        Fold(new AlarmRaised(Guid.NewGuid(), deviceId ?? DeviceId, "Bar espresso", "bar", kind, subject, 1, "Raised.", 1, T0));

    [Fact]
    public void Judging_a_machine_pairs_each_condition_that_holds_with_its_open_alarm_and_lists_the_alarms_whose_condition_cleared_or_is_gone()
    {
        var hot = Open(AlarmKind.TemperatureOutOfRange);
        var offline = Open(AlarmKind.DeviceOffline);
        var milk = Open(AlarmKind.LowStock, "milk");   // a bin no longer set up
        var verdict = AlarmConditions.Judge(Machine(DeviceState.Idle, 99, beans: 150), Rules,
            [hot, offline, milk, Open(AlarmKind.CommandFailed, "cmd-1"), Open(AlarmKind.DeviceOffline, deviceId: Guid.NewGuid())]);

        Assert.Equal([(AlarmKind.TemperatureOutOfRange, hot.Id), (AlarmKind.LowStock, (Guid?)null)],
            verdict.Holding.Select(h => (h.Condition.Kind, h.Open?.Id)));
        Assert.Equal([offline.Id, milk.Id], verdict.Cleared.Select(a => a.Id));   // never the failed command, nor another machine's
        Assert.Empty(AlarmConditions.Judge(Machine(DeviceState.Idle, 92, beans: 800), Rules, []).Holding);
    }

    [Fact]
    public void Ensuring_an_alarm_raises_only_a_missing_one_counts_no_repeat_and_never_brings_back_a_failed_command_staff_resolved()
    {
        var raised = Assert.IsType<AlarmRaised>(Assert.Single(AlarmDecisions.EnsureRaised(null, LowBeans(5))));
        Assert.Empty(AlarmDecisions.EnsureRaised(Fold(raised), LowBeans(6, T0.AddMinutes(5), "Beans are lower.")));   // See would count it

        var cleared = Fold(raised, new AlarmCleared(raised.AlarmId, "refilled", 7, T0));
        Assert.Empty(AlarmDecisions.EnsureRaised(cleared, LowBeans(6)));   // the view before the refill
        Assert.Equal(2, Assert.IsType<AlarmRaised>(Assert.Single(AlarmDecisions.EnsureRaised(cleared, LowBeans(9)))).Occurrence);

        var failed = new SeeCondition(Source, AlarmKind.CommandFailed, "cmd-1", "Restart failed.", null, T0);
        var command = (AlarmRaised)AlarmDecisions.EnsureRaised(null, failed)[0];
        var resolved = Fold(command, new AlarmResolved(command.AlarmId, "Sam", T0));
        Assert.Empty(AlarmDecisions.EnsureRaised(resolved, failed));
        Assert.Empty(AlarmDecisions.EnsureRaised(Fold(command), failed));
        Assert.IsType<AlarmRaised>(Assert.Single(AlarmDecisions.See(resolved, failed)));   // what the sweep must not do
    }
}
