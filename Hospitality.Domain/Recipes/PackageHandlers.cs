using Hospitality.Domain.Common;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Recipes;

/// <summary>
/// A manager publishes the next version of the package <paramref name="Name"/> (created at its first publish, for
/// <paramref name="Model"/>) from the recipes named, as they are now. <paramref name="ExpectedVersion"/>: the latest version seen (0: new).
/// </summary>
public sealed record PublishRecipePackage(Actor Actor, string? Name, string? Model, IReadOnlyList<Guid>? RecipeIds, string? Notes = null, long? ExpectedVersion = null)
    : IRequest<RecipePackage>;

public sealed record GetRecipePackage(Actor Actor, Guid PackageId) : IRequest<RecipePackage>;

public sealed record ListRecipePackages(Actor Actor, string? Model) : IRequest<IReadOnlyList<RecipePackage>>;

public sealed class PackageHandlers(IDocumentStore store, TimeProvider clock) :
    IRequestHandler<PublishRecipePackage, RecipePackage>, IRequestHandler<GetRecipePackage, RecipePackage>,
    IRequestHandler<ListRecipePackages, IReadOnlyList<RecipePackage>>
{
    public async Task<RecipePackage> Handle(PublishRecipePackage request, CancellationToken ct)
    {
        var actor = request.Actor;
        var id = RecipePackage.StreamId(actor.TenantId, request.Name ?? "");
        await using var session = store.Writing(actor);
        var current = await session.Events.AggregateStreamAsync<RecipePackage>(id, ct: ct);
        var recipes = new List<Recipe>();
        foreach (var recipeId in (request.RecipeIds ?? []).Distinct())
            recipes.Add(await session.LoadAsync<Recipe>(recipeId, ct) is { Deleted: false } recipe ? recipe : throw DomainException.NotFound($"Recipe {recipeId} does not exist."));
        var modelKey = current?.ModelKey ?? ModelRecipeSchema.KeyOf(request.Model ?? recipes.FirstOrDefault()?.Model);
        var schema = await session.LoadAsync<ModelRecipeSchema>(ModelRecipeSchema.StreamId(actor.TenantId, modelKey), ct);
        var published = RecipePackage.Publish(current, id, request.Name, request.Model, recipes, schema, request.ExpectedVersion, request.Notes, actor.Name, clock.GetUtcNow());
        if (current is null) session.Events.StartStream<RecipePackage>(id, published);
        else session.Events.Append(id, current.Version, published);
        await session.SaveOrConflictAsync($"'{published.Name}' was published by someone else at the same moment. Reload and try again.", ct);
        return session.LastCommitted.Find<RecipePackage>(id)!;
    }

    public async Task<RecipePackage> Handle(GetRecipePackage request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        return await session.LoadAsync<RecipePackage>(request.PackageId, ct) ?? throw DomainException.NotFound($"Recipe package {request.PackageId} does not exist.");
    }

    public async Task<IReadOnlyList<RecipePackage>> Handle(ListRecipePackages request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        var query = session.Query<RecipePackage>();
        if (!string.IsNullOrWhiteSpace(request.Model))
        {
            var key = ModelRecipeSchema.KeyOf(request.Model);
            query = query.Where(p => p.ModelKey == key);
        }
        return await query.OrderBy(p => p.Name).Take(500).ToListAsync(ct);
    }
}
