using Hospitality.Domain.Common;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Materials;

/// <summary>One material by code (any case) or id.</summary>
public sealed record GetMaterial(Actor Actor, string Material) : IRequest<Material>;

/// <summary>
/// A page of the dictionary, ordered by code. <paramref name="Query"/> finds text in the code, name or category, ignoring
/// case; <paramref name="Category"/> is matched whole, ignoring case. Archived materials only when asked for.
/// </summary>
public sealed record ListMaterials(Actor Actor, string? Query, string? Category, bool IncludeArchived, int Page, int PageSize) : IRequest<MaterialList>;

public sealed record MaterialList(IReadOnlyList<Material> Items, int Page, int PageSize, long Total);

public sealed class MaterialQueries(IDocumentStore store) : IRequestHandler<GetMaterial, Material>, IRequestHandler<ListMaterials, MaterialList>
{
    public const int MaxQueryLength = 100;

    public async Task<Material> Handle(GetMaterial request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        return await session.LoadAsync<Material>(IdOf(request.Actor, request.Material), ct) ?? throw Missing(request.Material);
    }

    public async Task<MaterialList> Handle(ListMaterials request, CancellationToken ct)
    {
        var (actor, rawQuery, rawCategory, includeArchived, page, pageSize) = request;
        var text = (rawQuery ?? "").Trim().ToLowerInvariant();
        var category = (rawCategory ?? "").Trim().ToLowerInvariant();
        if (text.Length > MaxQueryLength || category.Length > MaxQueryLength)
            throw DomainException.Invalid($"A search can be at most {MaxQueryLength} characters.");
        await using var session = store.QuerySession(actor.TenantId);
        var query = session.Query<Material>();
        if (!includeArchived) query = query.Where(m => !m.Archived);
        if (text.Length > 0) query = query.Where(m => m.SearchText.Contains(text));
        if (category.Length > 0) query = query.Where(m => m.CategoryKey == category);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(m => m.Code).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new MaterialList(items, page, pageSize, total);
    }

    /// <summary>The stream id of a material named by its id or code; a malformed code simply names no material.</summary>
    internal static Guid IdOf(Actor actor, string material)
    {
        if (Guid.TryParse(material, out var id)) return id;
        try
        {
            return Material.StreamId(actor.TenantId, MaterialCodes.Normalize(material));
        }
        catch (DomainException)
        {
            throw Missing(material);
        }
    }

    internal static DomainException Missing(string material) => DomainException.NotFound($"There is no material {material}.");
}
