using Hospitality.Domain.Common;
using Hospitality.Domain.Devices;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using MediatR;
using Microsoft.Extensions.Options;

namespace Hospitality.Domain.RemoteCommands;

/// <summary>Staff tell one machine to do something. <paramref name="Kind"/>: restart, clean, brew_test, lock, ...</summary>
public sealed record QueueCommandRequest(Actor Actor, Guid DeviceId, string? Kind, string? Payload = null, int? MaxAttempts = null) : IRequest<RemoteCommand>;

/// <summary>Staff tell many machines at once: the ones named, and every machine at the locations named.</summary>
/// <param name="FromDeployment">Set only by recipe deployments: recipes reach machines through a validated, versioned package, never as a bare command.</param>
/// <param name="Payloads">A machine's own payload instead of <paramref name="Payload"/> (a rollback returns each machine to its own version).</param>
public sealed record QueueBatchRequest(Actor Actor, IReadOnlyList<Guid>? DeviceIds, IReadOnlyList<string>? LocationIds, string? Kind, string? Payload = null,
    bool FromDeployment = false, IReadOnlyDictionary<Guid, string>? Payloads = null) : IRequest<BatchProgress>;

public sealed record GetBatchProgress(Actor Actor, Guid BatchId) : IRequest<BatchProgress>;

public sealed record GetRemoteCommand(Actor Actor, Guid CommandId) : IRequest<RemoteCommand>;

/// <summary>A machine's latest commands, newest first.</summary>
public sealed record ListDeviceCommands(Actor Actor, Guid DeviceId, int Limit = 50) : IRequest<IReadOnlyList<RemoteCommand>>;

/// <summary>
/// The machine takes its due commands (by polling, or when its hub connection is up): each is marked sent, attempt counted.
/// It must acknowledge each; until then it is not delivered, and it goes out again after the acknowledgement timeout.
/// </summary>
public sealed record TakeDueCommands(DeviceCaller Device, string Via) : IRequest<IReadOnlyList<RemoteCommand>>;

public sealed record AcknowledgeCommand(DeviceCaller Device, Guid CommandId) : IRequest<RemoteCommand>;

public sealed record CompleteCommand(DeviceCaller Device, Guid CommandId, bool Success, string? Message) : IRequest<RemoteCommand>;

/// <summary>The platform's tick over every open command of every tenant: retries, gives up and expires as time says.
/// Answers the machines (tenant, device) that now have commands due, for servers holding their connections.</summary>
public sealed record TickCommands : IRequest<IReadOnlyList<DeviceCaller>>;

public sealed class CommandHandlers(IDocumentStore store, IOptions<CommandTiming> timing, TimeProvider clock) :
    IRequestHandler<QueueCommandRequest, RemoteCommand>, IRequestHandler<QueueBatchRequest, BatchProgress>, IRequestHandler<GetBatchProgress, BatchProgress>,
    IRequestHandler<GetRemoteCommand, RemoteCommand>, IRequestHandler<ListDeviceCommands, IReadOnlyList<RemoteCommand>>,
    IRequestHandler<TakeDueCommands, IReadOnlyList<RemoteCommand>>, IRequestHandler<AcknowledgeCommand, RemoteCommand>,
    IRequestHandler<CompleteCommand, RemoteCommand>, IRequestHandler<TickCommands, IReadOnlyList<DeviceCaller>>
{
    public const int MaxBatch = 500;

    private CommandTiming Timing => timing.Value;

    public async Task<RemoteCommand> Handle(QueueCommandRequest request, CancellationToken ct)
    {
        var kind = EnumNames.Parse<CommandKind>(request.Kind ?? throw DomainException.Invalid("'kind' is required: what the machine should do."), "command kind");
        NotRecipes(kind, fromDeployment: false);
        await using var session = Open(request.Actor.TenantId, request.Actor.Name);
        var device = await VisibleDeviceAsync(session, request.Actor, request.DeviceId, ct);
        var id = Guid.NewGuid();
        session.Events.StartStream<RemoteCommand>(id, Queued(id, device, kind, request.Payload, request.MaxAttempts, null, request.Actor.Name));
        await session.SaveChangesAsync(ct);
        return session.LastCommitted.Find<RemoteCommand>(id)!;
    }

    public async Task<BatchProgress> Handle(QueueBatchRequest request, CancellationToken ct)
    {
        var actor = request.Actor;
        var kind = EnumNames.Parse<CommandKind>(request.Kind ?? throw DomainException.Invalid("'kind' is required: what the machines should do."), "command kind");
        NotRecipes(kind, request.FromDeployment);
        await using var session = Open(actor.TenantId, actor.Name);
        var devices = new Dictionary<Guid, Device>();
        foreach (var id in request.DeviceIds ?? []) devices[id] = await VisibleDeviceAsync(session, actor, id, ct);
        foreach (var location in request.LocationIds ?? [])
        {
            if (!actor.CanReach(location)) throw DomainException.NotFound($"Location {location} does not exist.");
            await Locations.RequireAsync(session, location, ct);
            foreach (var device in await session.Query<Device>().Where(d => d.LocationId == location).ToListAsync(ct)) devices[device.Id] = device;
        }
        if (devices.Count == 0) throw DomainException.Invalid("Name at least one machine, or a location that has machines.");
        if (devices.Count > MaxBatch) throw DomainException.Invalid($"A batch reaches at most {MaxBatch} machines.");

        var batch = new CommandBatch(Guid.NewGuid(), kind, devices.Count, actor.Name, clock.GetUtcNow());
        session.Store(batch);
        foreach (var device in devices.Values.OrderBy(d => d.Name))
        {
            var id = Guid.NewGuid();
            session.Events.StartStream<RemoteCommand>(id, Queued(id, device, kind, request.Payloads?.GetValueOrDefault(device.Id) ?? request.Payload, null, batch.Id, actor.Name));
        }
        await session.SaveChangesAsync(ct);   // the batch and all its commands, or nothing
        return await ProgressAsync(session, batch, ct);
    }

    public async Task<BatchProgress> Handle(GetBatchProgress request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        var batch = await session.LoadAsync<CommandBatch>(request.BatchId, ct) ?? throw DomainException.NotFound($"Batch {request.BatchId} does not exist.");
        var progress = await ProgressAsync(session, batch, ct);
        // Staff bound to one location see a batch only when it reached a machine of theirs.
        if (request.Actor.LocationId is { } here
            && !await session.Query<RemoteCommand>().Where(c => c.BatchId == batch.Id && c.LocationId == here).AnyAsync(ct))
            throw DomainException.NotFound($"Batch {request.BatchId} does not exist.");
        return progress;
    }

    private static void NotRecipes(CommandKind kind, bool fromDeployment)
    {
        if (kind == CommandKind.SyncRecipes && !fromDeployment)
            throw DomainException.Invalid("Recipes reach machines by deploying a recipe package (validated and versioned), not as a bare command.");
    }

    public async Task<RemoteCommand> Handle(GetRemoteCommand request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        var command = await session.LoadAsync<RemoteCommand>(request.CommandId, ct);
        return command is not null && request.Actor.CanReach(command.LocationId) ? command : throw DomainException.NotFound($"Command {request.CommandId} does not exist.");
    }

    public async Task<IReadOnlyList<RemoteCommand>> Handle(ListDeviceCommands request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        await VisibleDeviceAsync(session, request.Actor, request.DeviceId, ct);
        return await session.Query<RemoteCommand>().Where(c => c.DeviceId == request.DeviceId)
            .OrderByDescending(c => c.QueuedAt).Take(Math.Clamp(request.Limit, 1, 200)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<RemoteCommand>> Handle(TakeDueCommands request, CancellationToken ct)
    {
        IReadOnlyList<RemoteCommand> open;
        await using (var query = store.QuerySession(request.Device.TenantId))
            open = await query.Query<RemoteCommand>().Where(c => c.DeviceId == request.Device.DeviceId && c.Status == CommandStatus.Queued)
                .OrderBy(c => c.QueuedAt).Take(50).ToListAsync(ct);
        var sent = new List<RemoteCommand>();
        foreach (var command in open)
        {
            var now = clock.GetUtcNow();
            // Expired first: a command past its time is never sent.
            var events = CommandDecisions.Decide(command, new Tick(Timing, now)) is { Length: > 0 } ticked ? ticked : CommandDecisions.Decide(command, new Send(request.Via, now));
            if (events.Length == 0) continue;
            if (await TryAppendAsync(request.Device.TenantId, $"device:{command.DeviceId:N}", command, events, ct) is { Status: CommandStatus.Sent } went)
                sent.Add(went);
        }
        return sent;
    }

    public Task<RemoteCommand> Handle(AcknowledgeCommand request, CancellationToken ct) =>
        FromMachineAsync(request.Device, request.CommandId, c => CommandDecisions.Decide(c, new Acknowledge(clock.GetUtcNow())), ct);

    public Task<RemoteCommand> Handle(CompleteCommand request, CancellationToken ct) =>
        FromMachineAsync(request.Device, request.CommandId, c => CommandDecisions.Decide(c, new Complete(request.Success, request.Message, clock.GetUtcNow())), ct);

    public async Task<IReadOnlyList<DeviceCaller>> Handle(TickCommands request, CancellationToken ct)
    {
        IReadOnlyList<FleetTenant> tenants;
        await using (var system = store.QuerySession(TenancyStore.SystemTenant))
            tenants = await system.Query<FleetTenant>().ToListAsync(ct);
        var due = new HashSet<DeviceCaller>();
        foreach (var tenant in tenants)
        {
            IReadOnlyList<RemoteCommand> open;
            await using (var query = store.QuerySession(tenant.Id))
                open = await query.Query<RemoteCommand>()
                    .Where(c => c.Status == CommandStatus.Queued || c.Status == CommandStatus.Sent || c.Status == CommandStatus.Acknowledged)
                    .OrderBy(c => c.QueuedAt).Take(5000).ToListAsync(ct);
            foreach (var command in open)
            {
                var now = clock.GetUtcNow();
                var current = command;
                var events = CommandDecisions.Decide(command, new Tick(Timing, now));
                if (events.Length > 0 && await TryAppendAsync(tenant.Id, "command dispatcher", command, events, ct) is { } ticked) current = ticked;
                if (current.Status == CommandStatus.Queued && (current.NextAttemptAt ?? current.QueuedAt) <= now) due.Add(new DeviceCaller(tenant.Id, current.DeviceId));
            }
        }
        return [.. due];
    }

    private async Task<RemoteCommand> FromMachineAsync(DeviceCaller device, Guid commandId, Func<RemoteCommand, object[]> decide, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = Open(device.TenantId, $"device:{device.DeviceId:N}");
            var command = await session.LoadAsync<RemoteCommand>(commandId, ct);
            // A machine sees only its own commands; any other is reported as missing.
            if (command is null || command.DeviceId != device.DeviceId) throw DomainException.NotFound($"Command {commandId} does not exist.");
            var events = decide(command);
            if (events.Length == 0) return command;
            session.Events.Append(command.Id, command.Version, events);
            try
            {
                await session.SaveChangesAsync(ct);
                return session.LastCommitted.Find<RemoteCommand>(command.Id)!;
            }
            catch (ConcurrencyException) when (attempt < 5)
            {
                // The dispatcher moved it at the same moment (a retry scheduled): decide again on what it is now.
            }
        }
    }

    /// <summary>Appends when the command is still as read; null when someone else moved it first (they did the work).</summary>
    private async Task<RemoteCommand?> TryAppendAsync(string tenantId, string by, RemoteCommand command, object[] events, CancellationToken ct)
    {
        await using var session = Open(tenantId, by);
        session.Events.Append(command.Id, command.Version, events);
        try
        {
            await session.SaveChangesAsync(ct);
            return session.LastCommitted.Find<RemoteCommand>(command.Id);
        }
        catch (ConcurrencyException)
        {
            return null;
        }
    }

    private object[] Queued(Guid id, Device device, CommandKind kind, string? payload, int? maxAttempts, Guid? batchId, string by)
    {
        var now = clock.GetUtcNow();
        return CommandDecisions.Decide(null, new Queue(id, device.Id, device.LocationId, kind, payload, maxAttempts ?? Timing.DefaultMaxAttempts,
            now + Timing.DefaultLifetime, batchId, by, now));
    }

    private static async Task<BatchProgress> ProgressAsync(IQuerySession session, CommandBatch batch, CancellationToken ct)
    {
        var commands = await session.Query<RemoteCommand>().Where(c => c.BatchId == batch.Id).ToListAsync(ct);
        return new BatchProgress(batch.Id, batch.Kind, batch.Total, commands.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Count()), batch.CreatedAt);
    }

    private static async Task<Device> VisibleDeviceAsync(IQuerySession session, Actor actor, Guid deviceId, CancellationToken ct)
    {
        var device = await session.LoadAsync<Device>(deviceId, ct);
        if (device is null || !actor.CanReach(device.LocationId)) throw DomainException.NotFound($"Machine {deviceId} does not exist.");
        return device;
    }

    private IDocumentSession Open(string tenantId, string by) => store.Writing(tenantId, by);
}

/// <summary>Totals over every tenant's fleet, for the platform's own metrics (never per tenant).</summary>
public sealed record GetFleetTotals : IRequest<FleetTotals>;

public sealed record FleetTotals(int Devices, int Online, int PendingCommands)
{
    public double OnlineRatio => Devices == 0 ? 0 : (double)Online / Devices;
}

public sealed class FleetTotalsQuery(IDocumentStore store) : IRequestHandler<GetFleetTotals, FleetTotals>
{
    public async Task<FleetTotals> Handle(GetFleetTotals request, CancellationToken ct)
    {
        IReadOnlyList<FleetTenant> tenants;
        await using (var system = store.QuerySession(TenancyStore.SystemTenant))
            tenants = await system.Query<FleetTenant>().ToListAsync(ct);
        var (devices, online, pending) = (0, 0, 0);
        foreach (var tenant in tenants)
        {
            await using var session = store.QuerySession(tenant.Id);
            devices += await session.Query<Device>().CountAsync(ct);
            online += await session.Query<Device>().Where(d => d.Online).CountAsync(ct);
            pending += await session.Query<RemoteCommand>().Where(c => c.Status == CommandStatus.Queued || c.Status == CommandStatus.Sent
                || c.Status == CommandStatus.Acknowledged).CountAsync(ct);
        }
        return new FleetTotals(devices, online, pending);
    }
}
