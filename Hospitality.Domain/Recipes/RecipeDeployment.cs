using Hospitality.Domain.Devices;
using Hospitality.Domain.RemoteCommands;

namespace Hospitality.Domain.Recipes;

public enum DeploymentKind { Deploy, Rollback }

/// <summary>What a machine had installed when a deployment reached it (from <see cref="InstalledRecipes"/>).</summary>
public sealed record PriorInstall(Guid PackageId, string PackageName, int Version)
{
    public static PriorInstall? Of(InstalledRecipes? installed) => installed is null ? null : new(installed.PackageId, installed.PackageName, installed.Version);
}

/// <summary>A machine a deployment sends its package to.</summary>
/// <param name="Version">The version this machine gets (a rollback returns each machine to its own); null in deployments stored before machines
/// could get different versions: the deployment's <see cref="RecipeDeployment.PackageVersion"/>.</param>
/// <param name="Before">What the machine had installed when the deployment was made (null: nothing known), where a rollback of it returns.</param>
/// <param name="Reason">Why a rollback chose this version for the machine; null for a deployment.</param>
public sealed record DeploymentTarget(Guid DeviceId, string Name, string LocationId, int? Version = null, PriorInstall? Before = null, string? Reason = null);

/// <summary>A chosen machine that was left out, and why (another model).</summary>
public sealed record SkippedDevice(Guid DeviceId, string Name, string LocationId, string Model, string Reason);

/// <summary>
/// A package version sent to machines: one <c>sync_recipes</c> command per machine, queued as one command batch
/// (<see cref="BatchId"/>). Stored once and never changed: each machine's progress is read live from its command.
/// A rollback may return machines to different versions: each target has its own, and <see cref="PackageVersion"/> is the highest.
/// </summary>
public sealed record RecipeDeployment(
    Guid Id, Guid PackageId, string PackageName, string Model, int PackageVersion, DeploymentKind Kind, Guid? RollbackOf, Guid BatchId,
    IReadOnlyList<DeploymentTarget> Devices, IReadOnlyList<SkippedDevice> Skipped, string CreatedBy, DateTimeOffset CreatedAt)
{
    /// <summary>Which chosen machines get the package (its model) and which are skipped, with the reason.</summary>
    public static (IReadOnlyList<Device> Targets, IReadOnlyList<SkippedDevice> Skipped) Plan(RecipePackage package, IEnumerable<Device> chosen)
    {
        var distinct = chosen.DistinctBy(d => d.Id).OrderBy(d => d.Name, StringComparer.CurrentCulture).ToList();
        var targets = distinct.Where(d => ModelRecipeSchema.KeyOf(d.Model) == package.ModelKey).ToList();
        var skipped = distinct.Except(targets)
            .Select(d => new SkippedDevice(d.Id, d.Name, d.LocationId, d.Model, $"It is a {d.Model}; the package is for {package.Model}.")).ToList();
        if (distinct.Count == 0) throw DomainException.Invalid("Choose at least one machine, or a location that has machines.");
        if (targets.Count == 0)
            throw DomainException.Invalid($"None of the {distinct.Count} chosen machines is a {package.Model}: nothing to deploy.");
        if (targets.Count > CommandHandlers.MaxBatch) throw DomainException.Invalid($"A deployment reaches at most {CommandHandlers.MaxBatch} machines.");
        return (targets, skipped);
    }

    /// <summary>The version this deployment sends to a machine of it.</summary>
    public int VersionOf(DeploymentTarget target) => target.Version ?? PackageVersion;
}

/// <summary>One machine's part of a deployment, as its command stands now: <paramref name="Version"/> is the version it gets, and for a
/// rollback <paramref name="Reason"/> says why that one.</summary>
public sealed record DeviceDeploymentProgress(
    Guid DeviceId, string Name, string LocationId, Guid? CommandId, CommandStatus Status, int Attempts, string? Result, DateTimeOffset? FinishedAt,
    int Version, string? Reason);

/// <summary>A deployment with each reachable machine's progress, counted from the commands.</summary>
public sealed record DeploymentProgress(RecipeDeployment Deployment, IReadOnlyList<DeviceDeploymentProgress> Devices)
{
    public int Total => Devices.Count;

    public int Succeeded => Devices.Count(d => d.Status == CommandStatus.Succeeded);

    public int Failed => Devices.Count(d => d.Status is CommandStatus.Failed or CommandStatus.Expired);

    public int Finished => Succeeded + Failed;

    /// <summary>Finished machines as a whole percentage, for the progress bar.</summary>
    public int Percent => Total == 0 ? 100 : Finished * 100 / Total;

    public static DeploymentProgress Of(RecipeDeployment deployment, IReadOnlyList<RemoteCommand> commands, Func<string, bool> canReach) =>
        new(deployment, [.. deployment.Devices.Where(d => canReach(d.LocationId)).Select(d =>
            commands.Where(c => c.DeviceId == d.DeviceId).MaxBy(c => c.QueuedAt) is { } c
                ? new DeviceDeploymentProgress(d.DeviceId, d.Name, d.LocationId, c.Id, c.Status, c.Attempts, c.Result, c.FinishedAt, deployment.VersionOf(d), d.Reason)
                : new DeviceDeploymentProgress(d.DeviceId, d.Name, d.LocationId, null, CommandStatus.Queued, 0, null, null, deployment.VersionOf(d), d.Reason))]);
}
