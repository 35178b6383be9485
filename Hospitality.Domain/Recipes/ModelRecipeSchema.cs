using Hospitality.Domain.Common;

namespace Hospitality.Domain.Recipes;

/// <summary>A manager set (or replaced) the recipe schema of a machine model: version 1, 2, 3... of it.</summary>
public sealed record RecipeSchemaSet(Guid SchemaId, string Model, string ModelKey, string Schema, string By, DateTimeOffset At);

/// <summary>
/// The current recipe schema of one machine model of a tenant, folded from its <see cref="RecipeSchemaSet"/> events (one
/// stream per model, so every earlier version stays readable). <see cref="Version"/> is the schema's version.
/// </summary>
public sealed record ModelRecipeSchema(Guid Id, string Model, string ModelKey, string Schema, string ChangedBy, DateTimeOffset ChangedAt, long Version)
{
    // Fixed forever: changing it would orphan every schema stream already written.
    private static readonly Guid StreamNamespace = Guid.Parse("5d1f8a0c-93e2-4c57-b6a4-0e7d2c9f3b18");

    public const int MaxModelLength = 60;

    /// <summary>A model's stream id: name-based on tenant and model key, so two first saves at once meet on one stream.</summary>
    public static Guid StreamId(string tenantId, string modelKey) => NameBasedGuid.Create(StreamNamespace, $"recipe-schema\n{tenantId}\n{modelKey}");

    /// <summary>Models match whatever their case or surrounding spaces: "ex-200" is the machines' "EX-200".</summary>
    public static string KeyOf(string? model)
    {
        var key = model?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(key)) throw DomainException.Invalid("'model' is required: the machine model the recipe is for.");
        return key.Length <= MaxModelLength ? key : throw DomainException.Invalid($"A model name can be at most {MaxModelLength} characters.");
    }

    public RecipeSchema Parsed => RecipeSchema.Parse(Schema);

    public static ModelRecipeSchema? Fold(ModelRecipeSchema? schema, object e, long version) => (schema, e) switch
    {
        (_, RecipeSchemaSet s) => new ModelRecipeSchema(s.SchemaId, schema?.Model ?? s.Model, s.ModelKey, s.Schema, s.By, s.At, version),
        (null, _) => null,
        _ => schema with { Version = version },
    };

    /// <summary>Checks the schema (<see cref="RecipeSchema.Parse"/>) and the version the manager saw (0: none yet); the event to append.</summary>
    public static RecipeSchemaSet Decide(ModelRecipeSchema? current, Guid id, string model, string? schema, long? expectedVersion, string by, DateTimeOffset at)
    {
        if (expectedVersion is { } expected && expected != (current?.Version ?? 0))
            throw DomainException.Conflict($"The {current?.Model ?? model.Trim()} schema is at version {current?.Version ?? 0}, not {expected}: someone changed it meanwhile. Reload and try again.");
        RecipeSchema.Parse(schema);
        return new RecipeSchemaSet(id, model.Trim(), KeyOf(model), System.Text.Json.JsonDocument.Parse(schema!).RootElement.GetRawText(), by, at);
    }
}
