using Hospitality.Domain.Common;
using Hospitality.Domain.RemoteCommands;

namespace Hospitality.Domain.Recipes;

/// <summary>A recipe as a package version holds it: the definition it had when the version was published, never changed after.</summary>
public sealed record PackagedRecipe(Guid RecipeId, string Name, long RecipeVersion, string Definition);

/// <summary>Version <paramref name="Number"/> of a package was published: a snapshot of its recipes' definitions at that moment.</summary>
public sealed record RecipePackagePublished(
    Guid PackageId, string Name, string Model, string ModelKey, int Number, IReadOnlyList<PackagedRecipe> Recipes, string? Notes, string By, DateTimeOffset At);

public sealed record RecipePackageVersion(int Number, IReadOnlyList<PackagedRecipe> Recipes, string? Notes, string PublishedBy, DateTimeOffset PublishedAt);

/// <summary>
/// A named set of recipes for one model, published as versions 1, 2, 3... Each version is one event, so it is immutable:
/// publishing again adds a version and never touches an earlier one. One stream per package name.
/// </summary>
public sealed record RecipePackage(Guid Id, string Name, string Model, string ModelKey, IReadOnlyList<RecipePackageVersion> Versions, DateTimeOffset ChangedAt, long Version)
{
    private static readonly Guid StreamNamespace = Guid.Parse("a3c4e9d2-1b7f-4e05-8d6a-72f0b5c1e944");

    public const int MaxNameLength = 80, MaxRecipes = 50, MaxNotesLength = 500;

    /// <summary>A package's stream id: name-based on tenant and name (any case), so a name is one package.</summary>
    public static Guid StreamId(string tenantId, string name) => NameBasedGuid.Create(StreamNamespace, $"recipe-package\n{tenantId}\n{name.Trim().ToLowerInvariant()}");

    public int Latest => Versions.Count;

    public RecipePackageVersion? VersionOf(int number) => number >= 1 && number <= Versions.Count ? Versions[number - 1] : null;

    public static RecipePackage? Fold(RecipePackage? package, object e, long version) => (package, e) switch
    {
        (_, RecipePackagePublished p) => new RecipePackage(p.PackageId, package?.Name ?? p.Name, p.Model, p.ModelKey,
            [.. package?.Versions ?? [], new RecipePackageVersion(p.Number, p.Recipes, p.Notes, p.By, p.At)], p.At, version),
        (null, _) => null,
        _ => package with { Version = version },
    };

    /// <summary>
    /// Publishes the next version from the recipes as they are now. Each must be of the package's model, not deleted, named
    /// once, and still fit the model's current schema (it may have changed since the recipe was saved); the whole version
    /// must fit in one machine command.
    /// </summary>
    public static RecipePackagePublished Publish(RecipePackage? current, Guid id, string? name, string? model, IReadOnlyList<Recipe> recipes,
        ModelRecipeSchema? schema, long? expectedVersion, string? notes, string by, DateTimeOffset at)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw DomainException.Invalid("'name' is required: what the package is called, e.g. 'Winter menu'.");
        if (trimmed.Length > MaxNameLength) throw DomainException.Invalid($"A package name can be at most {MaxNameLength} characters.");
        if (expectedVersion is { } expected && expected != (current?.Latest ?? 0))
            throw DomainException.Conflict($"'{current?.Name ?? trimmed}' is at version {current?.Latest ?? 0}, not {expected}: someone published meanwhile. Reload and try again.");
        var modelKey = current?.ModelKey ?? ModelRecipeSchema.KeyOf(model ?? recipes.FirstOrDefault()?.Model);
        if (model is not null && ModelRecipeSchema.KeyOf(model) != modelKey)
            throw DomainException.Invalid($"'{current?.Name}' is a package for {current?.Model}, not {model.Trim()}.");
        if (recipes.Count == 0) throw DomainException.Invalid("A package holds at least one recipe.");
        if (recipes.Count > MaxRecipes) throw DomainException.Invalid($"A package holds at most {MaxRecipes} recipes.");
        if (notes?.Trim().Length > MaxNotesLength) throw DomainException.Invalid($"Notes can be at most {MaxNotesLength} characters.");
        foreach (var recipe in recipes)
        {
            if (recipe.Deleted) throw DomainException.Invalid($"'{recipe.Name}' was deleted: it cannot be published.");
            if (recipe.ModelKey != modelKey) throw DomainException.Invalid($"'{recipe.Name}' is a recipe for {recipe.Model}: this package is for {current?.Model ?? model?.Trim() ?? modelKey}.");
        }
        if (recipes.GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw DomainException.Invalid($"Two recipes are named '{twice.Key}': a machine tells its recipes apart by name.");
        foreach (var recipe in recipes)
        {
            try
            {
                RecipeDecisions.Fit(recipe.Definition, recipe.Model, schema);
            }
            catch (DomainException e)
            {
                throw DomainException.Invalid($"'{recipe.Name}' no longer fits: {e.Message} Edit it, then publish.");
            }
        }
        var published = new RecipePackagePublished(id, current?.Name ?? trimmed, current?.Model ?? recipes[0].Model, modelKey, (current?.Latest ?? 0) + 1,
            [.. recipes.Select(r => new PackagedRecipe(r.Id, r.Name, r.Version, r.Definition))], string.IsNullOrWhiteSpace(notes) ? null : notes.Trim(), by, at);
        if (RecipeSync.Payload(published.PackageId, published.Name, published.Model, published.Number, published.Recipes).Length > CommandDecisions.PayloadLimit(CommandKind.SyncRecipes))
            throw DomainException.Invalid($"These recipes are too large to send to a machine in one command ({CommandDecisions.PayloadLimit(CommandKind.SyncRecipes) / 1024} KB): publish fewer.");
        return published;
    }
}
