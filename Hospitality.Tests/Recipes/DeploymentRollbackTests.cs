using Hospitality.Domain;
using Hospitality.Domain.Devices;
using Hospitality.Domain.Recipes;

namespace Hospitality.Tests.Recipes;

/// <summary>
/// Given a deployment as recorded (each machine's version and what it had installed then), when it is rolled back, then
/// where each machine returns or why it is skipped. A pure decision: no store.
/// </summary>
public class DeploymentRollbackTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid House = Guid.NewGuid();

    private static Device Machine(string name) => Device.Fold(null, new DeviceRegistered(Guid.NewGuid(), "bar", name, "EX-200", "SN", "hash", "Maya", Now), 1)!;

    private static DeploymentTarget Target(Device device, int? version, PriorInstall? before) => new(device.Id, device.Name, device.LocationId, version, before);

    private static RecipeDeployment Deployment(int version, params DeploymentTarget[] targets) =>
        new(Guid.NewGuid(), House, "House", "EX-200", version, DeploymentKind.Deploy, null, Guid.NewGuid(), targets, [], "Maya", Now);

    private static PriorInstall Ran(int version) => new(House, "House", version);

    [Fact]
    public void Each_machine_returns_to_the_version_it_ran_before_the_deployment_not_to_the_one_before_it()
    {
        var skipper = Machine("Skipped a release");
        var current = Machine("Was on 2");
        var deployment = Deployment(3, Target(skipper, 3, Ran(1)), Target(current, 3, Ran(2)));

        var (targets, skipped) = DeploymentRollback.Plan(deployment, [skipper, current]);

        Assert.Equal([(skipper.Id, 1), (current.Id, 2)], targets.Select(t => (t.Device.Id, t.Version)));
        Assert.Equal("It ran version 1 before this deployment.", targets[0].Reason);
        Assert.Empty(skipped);
    }

    [Fact]
    public void A_machine_with_nothing_known_installed_falls_back_to_the_version_before_the_one_it_got()
    {
        var fresh = Machine("Fresh");
        var (targets, _) = DeploymentRollback.Plan(Deployment(3, Target(fresh, 3, null)), [fresh]);
        var target = Assert.Single(targets);
        Assert.Equal((2, "Nothing of 'House' was known installed on it: the version before 3."), (target.Version, target.Reason));
    }

    [Fact]
    public void A_machine_with_nothing_installed_that_got_the_first_version_is_skipped_with_the_reason()
    {
        var fresh = Machine("Fresh");
        var older = Machine("Had version 1");
        var deployment = Deployment(1, Target(fresh, 1, null), Target(older, 1, Ran(1)));

        var refused = Assert.Throws<DomainException>(() => DeploymentRollback.Plan(deployment, [fresh, older]));

        Assert.Equal(DomainErrorKind.Conflict, refused.Kind);
        Assert.Equal("Nothing to roll back: Fresh: It had nothing of 'House' installed, and version 1 is the first: there is no previous version to roll back to."
            + " (and 1 more machine skipped)", refused.Message);
    }

    [Fact]
    public void Machines_with_nothing_to_undo_or_on_another_package_are_skipped_while_the_others_roll_back()
    {
        var same = Machine("Already on 2");
        var other = Machine("On another package");
        var fresh = Machine("Fresh");
        var deployment = Deployment(2, Target(same, 2, Ran(2)), Target(other, 2, new PriorInstall(Guid.NewGuid(), "Winter", 4)), Target(fresh, 2, null));

        var (targets, skipped) = DeploymentRollback.Plan(deployment, [same, other, fresh]);

        Assert.Equal([(fresh.Id, 1)], targets.Select(t => (t.Device.Id, t.Version)));
        Assert.Equal([(same.Id, "It ran version 2 before this deployment too: nothing to undo."),
            (other.Id, "It ran 'Winter' version 4 before: deploy that package to return it there.")], skipped.Select(s => (s.DeviceId, s.Reason)));
        Assert.Equal("EX-200", skipped[0].Model);
    }

    [Fact]
    public void Only_machines_the_caller_reaches_are_planned()
    {
        var ours = Machine("Ours");
        var theirs = Machine("At another location");
        var (targets, skipped) = DeploymentRollback.Plan(Deployment(3, Target(ours, 3, Ran(1)), Target(theirs, 3, Ran(2))), [ours]);
        Assert.Equal([ours.Id], targets.Select(t => t.Device.Id));
        Assert.Empty(skipped);
    }

    [Fact]
    public void A_deployment_recorded_before_machines_had_their_own_versions_rolls_back_to_the_version_before_it()
    {
        var machine = Machine("Old record");
        var target = Assert.Single(DeploymentRollback.Plan(Deployment(4, Target(machine, null, null)), [machine]).Targets);
        Assert.Equal(3, target.Version);
    }

    [Fact]
    public void Rolling_back_a_rollback_returns_each_machine_to_what_it_ran_before_the_rollback()
    {
        var machine = Machine("Bar espresso");
        var rollback = Deployment(1, Target(machine, 1, Ran(3))) with { Kind = DeploymentKind.Rollback };
        Assert.Equal(3, Assert.Single(DeploymentRollback.Plan(rollback, [machine]).Targets).Version);
    }
}
