using System.Text.Json;

namespace Hospitality.Domain.Recipes;

/// <summary>
/// A machine model's recipe schema: a JSON Schema (draft 2020-12) limited to the subset below, read once and checked
/// as it is read. A keyword outside the subset is refused with its path, never ignored: a schema that silently skipped
/// <c>oneOf</c> would let through recipes its author meant to forbid.
/// <list type="bullet">
/// <item><c>type</c>: object, array, string, number, integer, boolean (one, or a list of them)</item>
/// <item>objects: <c>properties</c>, <c>required</c>, <c>additionalProperties</c> (true or false only)</item>
/// <item>any value: <c>enum</c>; numbers: <c>minimum</c>, <c>maximum</c> (inclusive); strings: <c>minLength</c>,
/// <c>maxLength</c> (in Unicode code points)</item>
/// <item>arrays: <c>items</c> (one schema for every item), <c>minItems</c>, <c>maxItems</c></item>
/// <item>annotations, which change nothing: <c>$schema</c> (the 2020-12 URI), <c>title</c>, <c>description</c>,
/// <c>$comment</c>, <c>default</c>, <c>examples</c></item>
/// </list>
/// </summary>
public sealed record RecipeSchema(
    IReadOnlyList<string>? Types, IReadOnlyDictionary<string, RecipeSchema> Properties, IReadOnlyList<string> Required, bool AdditionalProperties,
    IReadOnlyList<JsonElement>? Enum, decimal? Minimum, decimal? Maximum, int? MinLength, int? MaxLength, RecipeSchema? Items, int? MinItems, int? MaxItems)
{
    public const int MaxSchemaLength = 64 * 1024, MaxDepth = 32;
    public const string Draft = "https://json-schema.org/draft/2020-12/schema";

    public static readonly IReadOnlyList<string> SupportedTypes = ["object", "array", "string", "number", "integer", "boolean"];

    public static readonly IReadOnlyList<string> SupportedKeywords =
    [
        "type", "properties", "required", "additionalProperties", "enum", "minimum", "maximum", "minLength", "maxLength", "items", "minItems", "maxItems",
    ];

    private static readonly HashSet<string> Annotations = ["$schema", "title", "description", "$comment", "default", "examples"];

    /// <summary>Reads a schema's text, refusing malformed JSON, unsupported keywords and ill-formed values, each with its path.</summary>
    public static RecipeSchema Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw DomainException.Invalid("A recipe schema is required: a JSON Schema object.");
        if (text.Length > MaxSchemaLength) throw DomainException.Invalid($"A recipe schema can be at most {MaxSchemaLength / 1024} KB.");
        try
        {
            using var document = JsonDocument.Parse(text);
            return Read(document.RootElement, "$", 0);
        }
        catch (JsonException e)
        {
            throw DomainException.Invalid($"The schema is not valid JSON: {e.Message}");
        }
    }

    private static RecipeSchema Read(JsonElement schema, string path, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object) throw Refuse(path, "a schema must be a JSON object");
        if (depth > MaxDepth) throw Refuse(path, $"schemas nest at most {MaxDepth} levels deep");
        foreach (var keyword in schema.EnumerateObject())
            if (!SupportedKeywords.Contains(keyword.Name) && !Annotations.Contains(keyword.Name))
                throw Refuse($"{path}.{keyword.Name}", $"the keyword '{keyword.Name}' is not supported; recipe schemas use only {string.Join(", ", SupportedKeywords)} (and the annotations {string.Join(", ", Annotations)})");
        if (schema.TryGetProperty("$schema", out var draft) && (draft.ValueKind != JsonValueKind.String || draft.GetString() != Draft))
            throw Refuse($"{path}.$schema", $"only draft 2020-12 is supported ('{Draft}')");

        var properties = new Dictionary<string, RecipeSchema>(StringComparer.Ordinal);
        if (schema.TryGetProperty("properties", out var props))
        {
            if (props.ValueKind != JsonValueKind.Object) throw Refuse($"{path}.properties", "must be an object of schemas");
            foreach (var p in props.EnumerateObject()) properties[p.Name] = Read(p.Value, $"{path}.properties{RecipePath.Member(p.Name)}", depth + 1);
        }
        return new RecipeSchema(
            TypesOf(schema, path), properties, RequiredOf(schema, path),
            schema.TryGetProperty("additionalProperties", out var extra) ? BoolOf(extra, $"{path}.additionalProperties") : true,
            EnumOf(schema, path), Number(schema, "minimum", path), Number(schema, "maximum", path), Count(schema, "minLength", path),
            Count(schema, "maxLength", path), schema.TryGetProperty("items", out var items) ? Read(items, $"{path}.items", depth + 1) : null,
            Count(schema, "minItems", path), Count(schema, "maxItems", path));
    }

    private static IReadOnlyList<string>? TypesOf(JsonElement schema, string path)
    {
        if (!schema.TryGetProperty("type", out var type)) return null;
        var names = type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()!],
            JsonValueKind.Array when type.GetArrayLength() > 0 && type.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String) =>
                type.EnumerateArray().Select(t => t.GetString()!).ToList(),
            _ => throw Refuse($"{path}.type", "must be a type name or a non-empty list of them"),
        };
        foreach (var name in names.Where(n => !SupportedTypes.Contains(n)))
            throw Refuse($"{path}.type", $"the type '{name}' is not supported; use {string.Join(", ", SupportedTypes)}");
        return names;
    }

    private static IReadOnlyList<string> RequiredOf(JsonElement schema, string path)
    {
        if (!schema.TryGetProperty("required", out var required)) return [];
        if (required.ValueKind != JsonValueKind.Array || required.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String))
            throw Refuse($"{path}.required", "must be a list of property names");
        var names = required.EnumerateArray().Select(r => r.GetString()!).ToList();
        return names.Distinct().Count() == names.Count ? names : throw Refuse($"{path}.required", "names a property twice");
    }

    private static IReadOnlyList<JsonElement>? EnumOf(JsonElement schema, string path)
    {
        if (!schema.TryGetProperty("enum", out var values)) return null;
        if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0) throw Refuse($"{path}.enum", "must be a non-empty list of values");
        return [.. values.EnumerateArray().Select(v => v.Clone())];
    }

    private static bool BoolOf(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Refuse(path, "only true or false is supported (not a schema)"),
    };

    private static decimal? Number(JsonElement schema, string keyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var value)) return null;
        return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) ? number : throw Refuse($"{path}.{keyword}", "must be a number");
    }

    private static int? Count(JsonElement schema, string keyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var value)) return null;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count >= 0
            ? count
            : throw Refuse($"{path}.{keyword}", "must be a whole number, 0 or more");
    }

    private static DomainException Refuse(string path, string rule) => DomainException.Invalid($"The schema is not usable: {path}: {rule}.");

    /// <summary>What is wrong with <paramref name="instance"/> under this schema, each with its path ("$.milk.ml: must be at most 300"); empty when it fits.</summary>
    public IReadOnlyList<string> Validate(JsonElement instance) => RecipeSchemaValidation.Validate(this, instance);
}

/// <summary>JSON paths as messages show them: <c>$.milk.ml</c>, <c>$.materials[0].code</c>, <c>$['odd key']</c>.</summary>
public static class RecipePath
{
    public static string Member(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? $".{name}"
            : $"['{name.Replace("\\", "\\\\").Replace("'", "\\'")}']";

    public static string Index(int index) => $"[{index}]";
}
