using Hospitality.Simulator;

namespace Hospitality.Tests.Simulator;

/// <summary>A virtual machine's behaviour without a network: reports, sales draining bins, commands.</summary>
public class VirtualMachineTests
{
    private static VirtualMachine Machine(double salesPerTick = 1, double failShare = 0, long cups = 100, long firstSequence = 500) =>
        new(Guid.NewGuid(), "Bar espresso", [new BinSupply("beans", 1000, 1000), new BinSupply("milk", 2000, 2000), new BinSupply("cups", cups, 100)],
            new Random(7), salesPerTick, failShare, firstSequence);

    [Fact]
    public void Each_report_carries_a_higher_sequence_and_a_temperature_in_range()
    {
        var machine = Machine();
        var reports = Enumerable.Range(0, 200).Select(_ =>
        {
            machine.TrySell();
            return machine.NextReport();
        }).ToList();

        Assert.Equal(500, reports[0].Sequence);
        Assert.Equal(Enumerable.Range(500, 200).Select(n => (long)n), reports.Select(r => r.Sequence));
        Assert.All(reports, r => Assert.InRange(r.Temperature, VirtualMachine.MinTemperature, VirtualMachine.MaxTemperature));
        Assert.True(reports.Select(r => r.Temperature).Distinct().Count() > 5, "The temperature never drifts.");
    }

    [Fact]
    public void A_restarted_simulator_reports_above_its_last_run_because_the_sequence_starts_from_the_clock()
    {
        // Fewer reports than milliseconds went by (machines report every second at most): the next run starts higher.
        var first = new VirtualMachine(Guid.NewGuid(), "A", [], new Random(1));
        var last = Enumerable.Range(0, 50).Select(_ => first.NextReport()).Last().Sequence;
        Thread.Sleep(60);
        var again = new VirtualMachine(first.DeviceId, "A", [], new Random(1));

        Assert.True(again.NextReport().Sequence > last);
    }

    [Fact]
    public void A_sale_drains_the_bins_its_drink_uses_and_reports_brewing_with_the_new_levels()
    {
        var machine = Machine();

        var sale = machine.TrySell();

        Assert.NotNull(sale);
        var drink = Drinks.Menu.Single(d => d.Name == sale.Drink);
        Assert.Equal(99, machine.LevelOf("cups"));
        Assert.Equal(1000 - drink.Uses.Where(u => u.Bin == "beans").Sum(u => u.Amount), machine.LevelOf("beans"));
        Assert.Contains(sale.PaymentMethod, VirtualMachine.PaymentMethods);
        var report = machine.NextReport();
        Assert.Equal("brewing", report.State);
        Assert.Contains(("cups", 99L), report.Bins);
    }

    [Fact]
    public void Every_sale_has_its_own_machine_order_id()
    {
        var machine = Machine();
        var ids = Enumerable.Range(0, 40).Select(_ => machine.TrySell()!.MachineOrderId).ToList();

        Assert.Equal(40, ids.Distinct().Count());
    }

    [Fact]
    public void An_empty_bin_stops_sales_instead_of_going_below_zero()
    {
        var machine = Machine(cups: 3);

        var sales = Enumerable.Range(0, 10).Select(_ => machine.TrySell()).ToList();

        Assert.Equal(3, sales.Count(s => s is not null));
        Assert.Equal(0, machine.LevelOf("cups"));
        Assert.Equal("idle", machine.State);
    }

    [Fact]
    public void A_quiet_machine_sells_nothing_and_reports_idle()
    {
        var machine = Machine(salesPerTick: 0);

        Assert.All(Enumerable.Range(0, 20), _ => Assert.Null(machine.TrySell()));
        Assert.Equal("idle", machine.NextReport().State);
        Assert.Equal(100, machine.LevelOf("cups"));
    }

    [Fact]
    public void A_clean_refills_every_bin_to_capacity()
    {
        var machine = Machine(cups: 5);
        while (machine.TrySell() is not null) { }

        var outcome = machine.Carry("clean");

        Assert.True(outcome.Success);
        Assert.All(machine.Bins, b => Assert.Equal(b.Capacity, b.Level));
    }

    [Fact]
    public void Reports_carry_a_boot_id_new_at_each_start_and_a_restart_starts_a_new_boot_counting_from_1()
    {
        var machine = Machine();
        var before = machine.NextReport();
        Assert.Equal(machine.BootId, before.BootId);
        Assert.NotEqual(machine.BootId, Machine().BootId);   // another start, another boot

        Assert.True(machine.Carry("restart").Success);
        var after = machine.NextReport();

        Assert.Equal(1, after.Sequence);
        Assert.NotEqual(before.BootId, after.BootId);
        Assert.Equal(machine.BootId, after.BootId);
        machine.Carry("clean");
        Assert.Equal(after.BootId, machine.BootId);   // only a restart is a new boot
    }

    [Fact]
    public void Commands_fail_in_the_configured_share()
    {
        var always = Machine(failShare: 1);
        var never = Machine(failShare: 0);

        Assert.All(Enumerable.Range(0, 10), _ => Assert.False(always.Carry("restart").Success));
        Assert.All(Enumerable.Range(0, 10), _ => Assert.True(never.Carry("brew_test").Success));
        Assert.Equal(100, always.LevelOf("cups"));   // a failed clean refills nothing
        Assert.False(always.Carry("clean").Success);
    }

    [Fact]
    public void The_silence_chance_keeps_about_the_offline_share_of_the_fleet_silent()
    {
        var options = new SimulatorOptions { Interval = TimeSpan.FromSeconds(10), SilentFor = TimeSpan.FromSeconds(100), OfflineShare = 0.2 };

        // Steady state: p·D / (1 + p·D) with D = 10 silent ticks.
        var p = options.SilenceChancePerTick;
        Assert.Equal(0.2, p * 10 / (1 + p * 10), 3);
        Assert.Equal(0, (options with { OfflineShare = 0 }).SilenceChancePerTick);
    }
}
