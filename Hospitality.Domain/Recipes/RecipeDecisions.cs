using System.Text.Json;

namespace Hospitality.Domain.Recipes;

public abstract record RecipeCommand(string By, DateTimeOffset At);

/// <param name="Schema">The model's current schema, or null when the model has none yet.</param>
public sealed record CreateRecipeCommand(Guid RecipeId, string? Name, string Model, string? Definition, ModelRecipeSchema? Schema, string By, DateTimeOffset At)
    : RecipeCommand(By, At);

public sealed record ChangeRecipeCommand(string? Name, string? Definition, long? ExpectedVersion, ModelRecipeSchema? Schema, string By, DateTimeOffset At)
    : RecipeCommand(By, At);

public sealed record DeleteRecipeCommand(long? ExpectedVersion, string By, DateTimeOffset At) : RecipeCommand(By, At);

/// <summary>Pure decisions on recipes: a definition is stored only when it fits its model's schema, and an edit only at the version the editor saw.</summary>
public static class RecipeDecisions
{
    public const int MaxNameLength = 80, MaxDefinitionLength = 16 * 1024;

    public static object[] Decide(Recipe? recipe, RecipeCommand command)
    {
        if (command is CreateRecipeCommand create)
        {
            if (recipe is not null) throw DomainException.Conflict("That recipe exists already.");
            var modelKey = ModelRecipeSchema.KeyOf(create.Model);
            var definition = Fit(create.Definition, create.Model.Trim(), create.Schema);
            // The model as its schema spells it, whatever case the manager typed.
            return [new RecipeCreated(create.RecipeId, NameOf(create.Name), create.Schema!.Model, modelKey, definition, create.Schema.Version, create.By, create.At)];
        }
        if (recipe is null || recipe.Deleted) throw DomainException.NotFound("That recipe does not exist.");
        return command switch
        {
            ChangeRecipeCommand change => Change(recipe, change),
            DeleteRecipeCommand delete => Delete(recipe, delete),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown recipe command."),
        };
    }

    private static object[] Change(Recipe recipe, ChangeRecipeCommand change)
    {
        Expect(recipe, change.ExpectedVersion);
        var name = change.Name is null ? recipe.Name : NameOf(change.Name);
        var definition = Fit(change.Definition ?? recipe.Definition, recipe.Model, change.Schema);
        return name == recipe.Name && definition == recipe.Definition && change.Schema!.Version == recipe.SchemaVersion
            ? []
            : [new RecipeChanged(recipe.Id, name, definition, change.Schema!.Version, change.By, change.At)];
    }

    private static object[] Delete(Recipe recipe, DeleteRecipeCommand delete)
    {
        Expect(recipe, delete.ExpectedVersion);
        return [new RecipeDeleted(recipe.Id, delete.By, delete.At)];
    }

    private static void Expect(Recipe recipe, long? expectedVersion)
    {
        if (expectedVersion is null) throw DomainException.Invalid("Send the expectedVersion you last read, so a change made meanwhile is not overwritten.");
        if (expectedVersion != recipe.Version)
            throw DomainException.Conflict($"'{recipe.Name}' is at version {recipe.Version}, not {expectedVersion}: someone changed it meanwhile. Reload and try again.");
    }

    private static string NameOf(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw DomainException.Invalid("'name' is required: what the drink is called.");
        return trimmed.Length <= MaxNameLength ? trimmed : throw DomainException.Invalid($"A recipe name can be at most {MaxNameLength} characters.");
    }

    /// <summary>The definition's text when it fits the model's schema; otherwise a refusal naming each path and rule.</summary>
    public static string Fit(string? definition, string model, ModelRecipeSchema? schema)
    {
        if (schema is null) throw DomainException.Invalid($"The model {model} has no recipe schema yet: a manager sets one first.");
        if (string.IsNullOrWhiteSpace(definition)) throw DomainException.Invalid("'definition' is required: the recipe as a JSON object.");
        if (definition.Length > MaxDefinitionLength) throw DomainException.Invalid($"A recipe definition can be at most {MaxDefinitionLength / 1024} KB.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(definition);
        }
        catch (JsonException e)
        {
            throw DomainException.Invalid($"The definition is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var violations = schema.Parsed.Validate(document.RootElement);
            if (violations.Count > 0)
                throw DomainException.Invalid($"The recipe does not fit the {schema.Model} schema (version {schema.Version}): {string.Join("; ", violations)}.");
            return document.RootElement.GetRawText();
        }
    }
}
