using System.Globalization;
using System.Text.Json;

namespace Hospitality.Domain.Recipes;

/// <summary>
/// Checks a JSON value against a <see cref="RecipeSchema"/>. Each violation is one line, its path then its rule. A value of
/// the wrong type reports only that (its other rules would be noise); at most <see cref="MaxViolations"/> are reported.
/// </summary>
public static class RecipeSchemaValidation
{
    public const int MaxViolations = 20;

    public static IReadOnlyList<string> Validate(RecipeSchema schema, JsonElement instance)
    {
        var violations = new List<string>();
        Check(schema, instance, "$", violations);
        return violations.Count > MaxViolations ? [.. violations.Take(MaxViolations)] : violations;
    }

    private static void Check(RecipeSchema schema, JsonElement value, string path, List<string> violations)
    {
        if (violations.Count > MaxViolations) return;
        if (schema.Types is { } types && !types.Any(t => Is(value, t)))
        {
            violations.Add($"{path}: must be {(types.Count == 1 ? Article(types[0]) : "one of the types " + string.Join(", ", types))} (found {KindOf(value)})");
            return;
        }
        if (schema.Enum is { } allowed && !allowed.Any(a => JsonElement.DeepEquals(a, value)))
            violations.Add($"{path}: must be one of {string.Join(", ", allowed.Select(a => a.GetRawText()))}");

        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                var number = value.TryGetDecimal(out var d) ? d : (decimal?)null;
                var asDouble = value.GetDouble();
                if (schema.Minimum is { } min && (number is { } n ? n < min : asDouble < (double)min))
                    violations.Add($"{path}: must be at least {Text(min)}");
                if (schema.Maximum is { } max && (number is { } m ? m > max : asDouble > (double)max))
                    violations.Add($"{path}: must be at most {Text(max)}");
                break;
            case JsonValueKind.String:
                var length = value.GetString()!.EnumerateRunes().Count();
                if (schema.MinLength is { } minLength && length < minLength) violations.Add($"{path}: must be at least {Plural(minLength, "character")} long");
                if (schema.MaxLength is { } maxLength && length > maxLength) violations.Add($"{path}: must be at most {Plural(maxLength, "character")} long");
                break;
            case JsonValueKind.Array:
                var count = value.GetArrayLength();
                if (schema.MinItems is { } minItems && count < minItems) violations.Add($"{path}: must have at least {Plural(minItems, "item")}");
                if (schema.MaxItems is { } maxItems && count > maxItems) violations.Add($"{path}: must have at most {Plural(maxItems, "item")}");
                if (schema.Items is { } items)
                {
                    var index = 0;
                    foreach (var item in value.EnumerateArray()) Check(items, item, path + RecipePath.Index(index++), violations);
                }
                break;
            case JsonValueKind.Object:
                foreach (var name in schema.Required.Where(r => !value.TryGetProperty(r, out _)))
                    violations.Add($"{path}{RecipePath.Member(name)}: is required");
                foreach (var property in value.EnumerateObject())
                {
                    if (schema.Properties.TryGetValue(property.Name, out var inner)) Check(inner, property.Value, path + RecipePath.Member(property.Name), violations);
                    else if (!schema.AdditionalProperties) violations.Add($"{path}{RecipePath.Member(property.Name)}: is not an allowed property here");
                }
                break;
        }
    }

    /// <summary>JSON Schema's types: an integer is any number without a fractional part (2.0 counts), and every integer is a number.</summary>
    private static bool Is(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && (value.TryGetDecimal(out var d) ? d == decimal.Truncate(d) : Math.Floor(value.GetDouble()) == value.GetDouble()),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        _ => false,
    };

    private static string KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when Is(value, "integer") => "integer",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        var kind => kind.ToString().ToLowerInvariant(),
    };

    private static string Article(string type) => type is "object" or "array" or "integer" ? $"an {type}" : $"a {type}";

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
