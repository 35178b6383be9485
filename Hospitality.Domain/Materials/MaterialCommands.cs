using Hospitality.Domain.Common;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Materials;

/// <summary>A manager adds a material to the tenant's dictionary; a code taken already (even archived) is a conflict.</summary>
public sealed record CreateMaterial(Actor Actor, MaterialInput Input) : IRequest<Material>;

/// <summary>A manager changes a material. <paramref name="Material"/>: its code or id. <paramref name="ExpectedVersion"/>: the version the editor saw.</summary>
public sealed record ChangeMaterial(Actor Actor, string Material, MaterialInput Input, long? ExpectedVersion) : IRequest<Material>;

/// <summary>A manager archives a material (false) or restores it (true).</summary>
public sealed record SetMaterialArchived(Actor Actor, string Material, bool Archived, long? ExpectedVersion = null) : IRequest<Material>;

/// <summary>Loads a material's state, asks <see cref="MaterialDecisions"/>, appends at the version it read. Who may do what is the edge's policy.</summary>
public sealed class MaterialCommandHandlers(IDocumentStore store, TimeProvider clock) :
    IRequestHandler<CreateMaterial, Material>, IRequestHandler<ChangeMaterial, Material>, IRequestHandler<SetMaterialArchived, Material>
{
    public async Task<Material> Handle(CreateMaterial request, CancellationToken ct)
    {
        var code = MaterialCodes.Normalize(request.Input.Code);
        var id = Material.StreamId(request.Actor.TenantId, code);
        await using var session = store.Writing(request.Actor);
        var current = await session.Events.AggregateStreamAsync<Material>(id, ct: ct);
        session.Events.StartStream<Material>(id, MaterialDecisions.Decide(current, new CreateMaterialCommand(id, code, request.Input, clock.GetUtcNow())));
        // Two creates of one code at once: the second finds the stream started and is told so, as if it had read it.
        await session.SaveOrConflictAsync($"There is already a material with the code {code}.", ct);
        return session.LastCommitted.Find<Material>(id)!;
    }

    public Task<Material> Handle(ChangeMaterial request, CancellationToken ct) =>
        DecideAsync(request.Actor, request.Material, now => new ChangeMaterialCommand(request.Input, request.ExpectedVersion, now), ct);

    public Task<Material> Handle(SetMaterialArchived request, CancellationToken ct) =>
        DecideAsync(request.Actor, request.Material, now => request.Archived
            ? new ArchiveMaterialCommand(request.ExpectedVersion, now)
            : new RestoreMaterialCommand(request.ExpectedVersion, now), ct);

    private async Task<Material> DecideAsync(Actor actor, string material, Func<DateTimeOffset, MaterialCommand> command, CancellationToken ct)
    {
        var id = MaterialQueries.IdOf(actor, material);
        await using var session = store.Writing(actor);
        var current = await session.Events.AggregateStreamAsync<Material>(id, ct: ct) ?? throw MaterialQueries.Missing(material);
        var events = MaterialDecisions.Decide(current, command(clock.GetUtcNow()));
        if (events.Length == 0) return current;
        session.Events.Append(id, current.Version, events);
        await session.SaveOrConflictAsync($"{current.Code} was changed by someone else at the same moment. Reload and try again.", ct);
        return session.LastCommitted.Find<Material>(id)!;
    }

}
