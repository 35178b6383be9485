using Hospitality.Domain.Common;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Recipes;

/// <summary>A manager sets or replaces a model's recipe schema. <paramref name="ExpectedVersion"/>: the version seen (0: none yet), or null to replace whatever is there.</summary>
public sealed record SetRecipeSchema(Actor Actor, string? Model, string? Schema, long? ExpectedVersion) : IRequest<ModelRecipeSchema>;

/// <summary>A model's schema, the current one or <paramref name="Version"/>.</summary>
public sealed record GetRecipeSchema(Actor Actor, string? Model, long? Version = null) : IRequest<ModelRecipeSchema>;

public sealed record ListRecipeSchemas(Actor Actor) : IRequest<IReadOnlyList<ModelRecipeSchema>>;

/// <summary>A manager saves a new recipe; refused, changing nothing, when its definition does not fit the model's schema.</summary>
public sealed record CreateRecipe(Actor Actor, string? Name, string? Model, string? Definition) : IRequest<Recipe>;

public sealed record ChangeRecipe(Actor Actor, Guid RecipeId, string? Name, string? Definition, long? ExpectedVersion) : IRequest<Recipe>;

public sealed record DeleteRecipe(Actor Actor, Guid RecipeId, long? ExpectedVersion) : IRequest<Recipe>;

public sealed record GetRecipe(Actor Actor, Guid RecipeId) : IRequest<Recipe>;

/// <summary>The tenant's recipes (not deleted), of one model or all, by model then name.</summary>
public sealed record ListRecipes(Actor Actor, string? Model) : IRequest<IReadOnlyList<Recipe>>;

/// <summary>Loads the state, asks the pure decisions, appends at the version read. Who may do what is the edge's policy.</summary>
public sealed class RecipeHandlers(IDocumentStore store, TimeProvider clock) :
    IRequestHandler<SetRecipeSchema, ModelRecipeSchema>, IRequestHandler<GetRecipeSchema, ModelRecipeSchema>,
    IRequestHandler<ListRecipeSchemas, IReadOnlyList<ModelRecipeSchema>>, IRequestHandler<CreateRecipe, Recipe>, IRequestHandler<ChangeRecipe, Recipe>,
    IRequestHandler<DeleteRecipe, Recipe>, IRequestHandler<GetRecipe, Recipe>, IRequestHandler<ListRecipes, IReadOnlyList<Recipe>>
{
    public async Task<ModelRecipeSchema> Handle(SetRecipeSchema request, CancellationToken ct)
    {
        var key = ModelRecipeSchema.KeyOf(request.Model);
        var id = ModelRecipeSchema.StreamId(request.Actor.TenantId, key);
        await using var session = store.Writing(request.Actor);
        var current = await session.Events.AggregateStreamAsync<ModelRecipeSchema>(id, ct: ct);
        var set = ModelRecipeSchema.Decide(current, id, request.Model!, request.Schema, request.ExpectedVersion, request.Actor.Name, clock.GetUtcNow());
        if (current is null) session.Events.StartStream<ModelRecipeSchema>(id, set);
        else session.Events.Append(id, current.Version, set);
        await session.SaveOrConflictAsync($"The {set.Model} schema was changed by someone else at the same moment. Reload and try again.", ct);
        return session.LastCommitted.Find<ModelRecipeSchema>(id)!;
    }

    public async Task<ModelRecipeSchema> Handle(GetRecipeSchema request, CancellationToken ct)
    {
        var key = ModelRecipeSchema.KeyOf(request.Model);
        await using var session = store.QuerySession(request.Actor.TenantId);
        var id = ModelRecipeSchema.StreamId(request.Actor.TenantId, key);
        var schema = request.Version is { } version
            ? version >= 1 ? await session.Events.AggregateStreamAsync<ModelRecipeSchema>(id, version, ct) : null
            : await session.LoadAsync<ModelRecipeSchema>(id, ct);
        return schema is not null && (request.Version is null || schema.Version == request.Version)
            ? schema
            : throw DomainException.NotFound(request.Version is null ? $"The model {request.Model!.Trim()} has no recipe schema yet." : $"The {request.Model!.Trim()} schema has no version {request.Version}.");
    }

    public async Task<IReadOnlyList<ModelRecipeSchema>> Handle(ListRecipeSchemas request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        return await session.Query<ModelRecipeSchema>().OrderBy(s => s.ModelKey).Take(500).ToListAsync(ct);
    }

    public async Task<Recipe> Handle(CreateRecipe request, CancellationToken ct)
    {
        var key = ModelRecipeSchema.KeyOf(request.Model);
        var id = Guid.NewGuid();
        await using var session = store.Writing(request.Actor);
        var schema = await session.LoadAsync<ModelRecipeSchema>(ModelRecipeSchema.StreamId(request.Actor.TenantId, key), ct);
        session.Events.StartStream<Recipe>(id, RecipeDecisions.Decide(null,
            new CreateRecipeCommand(id, request.Name, request.Model!, request.Definition, schema, request.Actor.Name, clock.GetUtcNow())));
        await session.SaveChangesAsync(ct);
        return session.LastCommitted.Find<Recipe>(id)!;
    }

    public Task<Recipe> Handle(ChangeRecipe request, CancellationToken ct) =>
        DecideAsync(request.Actor, request.RecipeId, (schema, now) => new ChangeRecipeCommand(request.Name, request.Definition, request.ExpectedVersion, schema, request.Actor.Name, now), ct);

    public Task<Recipe> Handle(DeleteRecipe request, CancellationToken ct) =>
        DecideAsync(request.Actor, request.RecipeId, (_, now) => new DeleteRecipeCommand(request.ExpectedVersion, request.Actor.Name, now), ct);

    public async Task<Recipe> Handle(GetRecipe request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        return await session.LoadAsync<Recipe>(request.RecipeId, ct) is { Deleted: false } recipe ? recipe : throw Missing(request.RecipeId);
    }

    public async Task<IReadOnlyList<Recipe>> Handle(ListRecipes request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        var query = session.Query<Recipe>().Where(r => !r.Deleted);
        if (!string.IsNullOrWhiteSpace(request.Model))
        {
            var key = ModelRecipeSchema.KeyOf(request.Model);
            query = query.Where(r => r.ModelKey == key);
        }
        return await query.OrderBy(r => r.ModelKey).OrderBy(r => r.Name).Take(1000).ToListAsync(ct);
    }

    private async Task<Recipe> DecideAsync(Actor actor, Guid recipeId, Func<ModelRecipeSchema?, DateTimeOffset, RecipeCommand> command, CancellationToken ct)
    {
        await using var session = store.Writing(actor);
        var recipe = await session.Events.AggregateStreamAsync<Recipe>(recipeId, ct: ct);
        if (recipe is null || recipe.Deleted) throw Missing(recipeId);
        var schema = await session.LoadAsync<ModelRecipeSchema>(ModelRecipeSchema.StreamId(actor.TenantId, recipe.ModelKey), ct);
        var events = RecipeDecisions.Decide(recipe, command(schema, clock.GetUtcNow()));
        if (events.Length == 0) return recipe;
        session.Events.Append(recipeId, recipe.Version, events);
        await session.SaveOrConflictAsync($"'{recipe.Name}' was changed by someone else at the same moment. Reload and try again.", ct);
        return session.LastCommitted.Find<Recipe>(recipeId)!;
    }

    private static DomainException Missing(Guid id) => DomainException.NotFound($"Recipe {id} does not exist.");

}
