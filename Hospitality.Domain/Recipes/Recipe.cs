namespace Hospitality.Domain.Recipes;

public sealed record RecipeCreated(Guid RecipeId, string Name, string Model, string ModelKey, string Definition, long SchemaVersion, string By, DateTimeOffset At);

public sealed record RecipeChanged(Guid RecipeId, string Name, string Definition, long SchemaVersion, string By, DateTimeOffset At);

public sealed record RecipeDeleted(Guid RecipeId, string By, DateTimeOffset At);

/// <summary>
/// A drink as a machine model makes it: a name and a JSON definition that fitted the model's schema (at
/// <see cref="SchemaVersion"/>) when saved. Folded from its events; a deleted recipe keeps its stream and stays in the
/// packages it was published in.
/// </summary>
public sealed record Recipe(
    Guid Id, string Name, string Model, string ModelKey, string Definition, long SchemaVersion, bool Deleted, DateTimeOffset CreatedAt,
    DateTimeOffset ChangedAt, string ChangedBy, long Version)
{
    public static Recipe? Fold(Recipe? recipe, object e, long version) => (recipe, e) switch
    {
        (null, RecipeCreated c) => new Recipe(c.RecipeId, c.Name, c.Model, c.ModelKey, c.Definition, c.SchemaVersion, false, c.At, c.At, c.By, version),
        (null, _) => null,
        (_, RecipeChanged c) => recipe with { Name = c.Name, Definition = c.Definition, SchemaVersion = c.SchemaVersion, ChangedAt = c.At, ChangedBy = c.By, Version = version },
        (_, RecipeDeleted d) => recipe with { Deleted = true, ChangedAt = d.At, ChangedBy = d.By, Version = version },
        _ => recipe with { Version = version },
    };
}
