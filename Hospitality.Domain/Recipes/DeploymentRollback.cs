using Hospitality.Domain.Devices;

namespace Hospitality.Domain.Recipes;

/// <summary>A machine a deployment sends <paramref name="Version"/> of its package to; for a rollback, <paramref name="Reason"/> says why that version.</summary>
public sealed record PlannedTarget(Device Device, int Version, string? Reason = null);

/// <summary>Where a rollback of a deployment returns each of its machines: a pure decision over what was recorded when it was deployed.</summary>
public static class DeploymentRollback
{
    /// <summary>
    /// Each machine of <paramref name="deployment"/> found in <paramref name="devices"/> (the ones the caller reaches) returns to
    /// the version of the package it ran before the deployment. One with nothing known installed then falls back to the version
    /// before the one it got. A machine is skipped, with the reason, when it ran that same version before (nothing to undo), ran
    /// another package (a rollback of this one cannot return it there), or had nothing and got the first version. Refused when
    /// every machine is skipped.
    /// </summary>
    public static (IReadOnlyList<PlannedTarget> Targets, IReadOnlyList<SkippedDevice> Skipped) Plan(RecipeDeployment deployment, IReadOnlyList<Device> devices)
    {
        var targets = new List<PlannedTarget>();
        var skipped = new List<SkippedDevice>();
        foreach (var target in deployment.Devices)
        {
            if (devices.FirstOrDefault(d => d.Id == target.DeviceId) is not { } device) continue;
            var got = deployment.VersionOf(target);
            var (version, reason) = target.Before switch
            {
                { } other when other.PackageId != deployment.PackageId =>
                    ((int?)null, $"It ran '{other.PackageName}' version {other.Version} before: deploy that package to return it there."),
                { Version: var same } when same == got => (null, $"It ran version {same} before this deployment too: nothing to undo."),
                { Version: var before } => (before, $"It ran version {before} before this deployment."),
                null when got > 1 => (got - 1, $"Nothing of '{deployment.PackageName}' was known installed on it: the version before {got}."),
                null => (null, $"It had nothing of '{deployment.PackageName}' installed, and version {got} is the first: there is no previous version to roll back to."),
            };
            if (version is { } v) targets.Add(new PlannedTarget(device, v, reason));
            else skipped.Add(new SkippedDevice(device.Id, device.Name, device.LocationId, device.Model, reason));
        }
        if (targets.Count == 0)
            throw DomainException.Conflict(skipped.Count == 0
                ? "None of this deployment's machines is still there to roll back."
                : $"Nothing to roll back: {skipped[0].Name}: {skipped[0].Reason}{More(skipped.Count - 1)}");
        return (targets, skipped);
    }

    private static string More(int others) => others switch { 0 => "", 1 => " (and 1 more machine skipped)", _ => $" (and {others} more machines skipped)" };
}
