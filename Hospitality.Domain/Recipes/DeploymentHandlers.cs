using Hospitality.Domain.Common;
using Hospitality.Domain.Devices;
using Hospitality.Domain.RemoteCommands;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Recipes;

/// <summary>
/// A manager deploys a package version (the latest when <paramref name="Version"/> is null) to machines and to every
/// machine at locations; machines of another model are skipped and listed with the reason.
/// </summary>
public sealed record DeployRecipePackage(Actor Actor, Guid PackageId, int? Version, IReadOnlyList<Guid>? DeviceIds, IReadOnlyList<string>? LocationIds)
    : IRequest<DeploymentProgress>;

/// <summary>Returns each machine of a deployment to the version of the package it ran before it (<see cref="DeploymentRollback"/>).</summary>
public sealed record RollbackDeployment(Actor Actor, Guid DeploymentId) : IRequest<DeploymentProgress>;

/// <summary>Deploys the version before the one a machine has installed to that machine.</summary>
public sealed record RollbackDevice(Actor Actor, Guid DeviceId) : IRequest<DeploymentProgress>;

public sealed record GetDeploymentProgress(Actor Actor, Guid DeploymentId) : IRequest<DeploymentProgress>;

/// <summary>The latest deployments (of one package, or all), newest first.</summary>
public sealed record ListDeployments(Actor Actor, Guid? PackageId, int Limit = 20) : IRequest<IReadOnlyList<DeploymentProgress>>;

/// <summary>What a machine has installed (null: nothing from a package yet).</summary>
public sealed record GetInstalledRecipes(Actor Actor, Guid DeviceId) : IRequest<MachineRecipes>;

public sealed record MachineRecipes(Guid DeviceId, InstalledRecipes? Installed);

/// <summary>
/// Deployments go out through remote commands: one command batch of <c>sync_recipes</c> commands, whose lifecycle
/// (queued, sent, acknowledged, succeeded, failed, expired) is each machine's progress. Nothing is copied from the
/// commands: progress is read from them on every ask, so it cannot drift.
/// </summary>
public sealed class DeploymentHandlers(IDocumentStore store, IMediator mediator, TimeProvider clock) :
    IRequestHandler<DeployRecipePackage, DeploymentProgress>, IRequestHandler<RollbackDeployment, DeploymentProgress>,
    IRequestHandler<RollbackDevice, DeploymentProgress>, IRequestHandler<GetDeploymentProgress, DeploymentProgress>,
    IRequestHandler<ListDeployments, IReadOnlyList<DeploymentProgress>>, IRequestHandler<GetInstalledRecipes, MachineRecipes>
{
    public async Task<DeploymentProgress> Handle(DeployRecipePackage request, CancellationToken ct)
    {
        var actor = request.Actor;
        RecipePackage package;
        var chosen = new List<Device>();
        await using (var session = store.QuerySession(actor.TenantId))
        {
            package = await session.LoadAsync<RecipePackage>(request.PackageId, ct) ?? throw DomainException.NotFound($"Recipe package {request.PackageId} does not exist.");
            foreach (var id in request.DeviceIds ?? []) chosen.Add(await VisibleDeviceAsync(session, actor, id, ct));
            foreach (var location in request.LocationIds ?? [])
            {
                if (!actor.CanReach(location)) throw DomainException.NotFound($"Location {location} does not exist.");
                await Locations.RequireAsync(session, location, ct);
                chosen.AddRange(await session.Query<Device>().Where(d => d.LocationId == location).ToListAsync(ct));
            }
        }
        var version = request.Version ?? package.Latest;
        var (targets, skipped) = RecipeDeployment.Plan(package, chosen);
        return await DeployAsync(actor, package, [.. targets.Select(d => new PlannedTarget(d, version))], skipped, DeploymentKind.Deploy, null, ct);
    }

    public async Task<DeploymentProgress> Handle(RollbackDeployment request, CancellationToken ct)
    {
        var actor = request.Actor;
        await using var session = store.QuerySession(actor.TenantId);
        var deployment = await VisibleDeploymentAsync(session, actor, request.DeploymentId, ct);
        var devices = (await session.LoadManyAsync<Device>(deployment.Devices.Select(d => d.DeviceId.ToString()), ct)).Where(d => actor.CanReach(d.LocationId)).ToList();
        var (targets, skipped) = DeploymentRollback.Plan(deployment, devices);
        var package = await session.LoadAsync<RecipePackage>(deployment.PackageId, ct) ?? throw DomainException.NotFound($"Recipe package {deployment.PackageId} does not exist.");
        return await DeployAsync(actor, package, targets, skipped, DeploymentKind.Rollback, deployment.Id, ct);
    }

    public async Task<DeploymentProgress> Handle(RollbackDevice request, CancellationToken ct)
    {
        var actor = request.Actor;
        await using var session = store.QuerySession(actor.TenantId);
        var device = await VisibleDeviceAsync(session, actor, request.DeviceId, ct);
        var installed = await session.LoadAsync<InstalledRecipes>(device.Id, ct)
            ?? throw DomainException.Conflict($"{device.Name} has no recipe package installed: there is nothing to roll back.");
        if (installed.Version <= 1)
            throw DomainException.Conflict($"{device.Name} runs version {installed.Version} of '{installed.PackageName}', the first: there is no previous version to roll back to.");
        var package = await session.LoadAsync<RecipePackage>(installed.PackageId, ct) ?? throw DomainException.NotFound($"Recipe package {installed.PackageId} does not exist.");
        return await DeployAsync(actor, package, [new PlannedTarget(device, installed.Version - 1, $"It runs version {installed.Version}: the version before.")], [],
            DeploymentKind.Rollback, null, ct);
    }

    public async Task<DeploymentProgress> Handle(GetDeploymentProgress request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        return await ProgressAsync(session, request.Actor, await VisibleDeploymentAsync(session, request.Actor, request.DeploymentId, ct), ct);
    }

    public async Task<IReadOnlyList<DeploymentProgress>> Handle(ListDeployments request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        var query = session.Query<RecipeDeployment>();
        if (request.PackageId is { } packageId) query = query.Where(d => d.PackageId == packageId);
        var progress = new List<DeploymentProgress>();
        foreach (var deployment in await query.OrderByDescending(d => d.CreatedAt).Take(Math.Clamp(request.Limit, 1, 100)).ToListAsync(ct))
            if (deployment.Devices.Any(d => request.Actor.CanReach(d.LocationId))) progress.Add(await ProgressAsync(session, request.Actor, deployment, ct));
        return progress;
    }

    public async Task<MachineRecipes> Handle(GetInstalledRecipes request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        var device = await VisibleDeviceAsync(session, request.Actor, request.DeviceId, ct);
        return new MachineRecipes(device.Id, await session.LoadAsync<InstalledRecipes>(device.Id, ct));
    }

    /// <summary>
    /// Sends each target its version (one payload per version) as one command batch, and records the deployment with what each
    /// machine had installed until now, where a rollback of it returns.
    /// </summary>
    private async Task<DeploymentProgress> DeployAsync(Actor actor, RecipePackage package, IReadOnlyList<PlannedTarget> targets, IReadOnlyList<SkippedDevice> skipped,
        DeploymentKind kind, Guid? rollbackOf, CancellationToken ct)
    {
        var payloads = targets.Select(t => t.Version).Distinct().ToDictionary(v => v, v => RecipeSync.Payload(package.Id, package.Name, package.Model, v,
            (package.VersionOf(v) ?? throw DomainException.NotFound($"'{package.Name}' has no version {v}.")).Recipes));
        IReadOnlyList<InstalledRecipes> installed;
        await using (var query = store.QuerySession(actor.TenantId))
            installed = await query.LoadManyAsync<InstalledRecipes>(targets.Select(t => t.Device.Id.ToString()), ct);
        // The commands first: if the record then failed to save, the machines would still be told, and each install still recorded.
        var batch = await mediator.Send(new QueueBatchRequest(actor, [.. targets.Select(t => t.Device.Id)], null, nameof(CommandKind.SyncRecipes), null,
            FromDeployment: true, Payloads: targets.ToDictionary(t => t.Device.Id, t => payloads[t.Version])), ct);
        var deployment = new RecipeDeployment(Guid.NewGuid(), package.Id, package.Name, package.Model, targets.Max(t => t.Version), kind, rollbackOf, batch.Id,
            [.. targets.Select(t => new DeploymentTarget(t.Device.Id, t.Device.Name, t.Device.LocationId, t.Version,
                PriorInstall.Of(installed.FirstOrDefault(i => i.Id == t.Device.Id)), t.Reason))], skipped, actor.Name, clock.GetUtcNow());
        await using var session = store.Writing(actor);
        session.Store(deployment);
        await session.SaveChangesAsync(ct);
        return await ProgressAsync(session, actor, deployment, ct);
    }

    private static async Task<DeploymentProgress> ProgressAsync(IQuerySession session, Actor actor, RecipeDeployment deployment, CancellationToken ct) =>
        DeploymentProgress.Of(deployment, await session.Query<RemoteCommand>().Where(c => c.BatchId == deployment.BatchId).ToListAsync(ct), actor.CanReach);

    private static async Task<RecipeDeployment> VisibleDeploymentAsync(IQuerySession session, Actor actor, Guid id, CancellationToken ct) =>
        await session.LoadAsync<RecipeDeployment>(id, ct) is { } deployment && deployment.Devices.Any(d => actor.CanReach(d.LocationId))
            ? deployment
            : throw DomainException.NotFound($"Deployment {id} does not exist.");

    private static async Task<Device> VisibleDeviceAsync(IQuerySession session, Actor actor, Guid id, CancellationToken ct) =>
        await session.LoadAsync<Device>(id, ct) is { } device && actor.CanReach(device.LocationId) ? device : throw DomainException.NotFound($"Machine {id} does not exist.");
}
