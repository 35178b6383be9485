using System.Text;
using System.Text.Json;

namespace Hospitality.Domain.Recipes;

/// <summary>
/// The payload of a <c>sync_recipes</c> command, what the machine installs:
/// <c>{"package_id", "package", "model", "version", "recipes": [{"id", "name", "version", "definition": {...}}]}</c>.
/// The machine replaces its recipes with these and reports success.
/// </summary>
public static class RecipeSync
{
    public static string Payload(Guid packageId, string package, string model, int version, IReadOnlyList<PackagedRecipe> recipes)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("package_id", packageId);
            json.WriteString("package", package);
            json.WriteString("model", model);
            json.WriteNumber("version", version);
            json.WriteStartArray("recipes");
            foreach (var recipe in recipes)
            {
                json.WriteStartObject();
                json.WriteString("id", recipe.RecipeId);
                json.WriteString("name", recipe.Name);
                json.WriteNumber("version", recipe.RecipeVersion);
                json.WritePropertyName("definition");
                json.WriteRawValue(recipe.Definition);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The package and version a sync command installs, or null for a sync command without a package (sent by hand).</summary>
    public static (Guid PackageId, string Package, int Version)? Read(string? payload)
    {
        if (string.IsNullOrEmpty(payload)) return null;
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            return root.TryGetProperty("package_id", out var id) && id.TryGetGuid(out var packageId)
                && root.TryGetProperty("version", out var version) && version.TryGetInt32(out var number)
                && root.TryGetProperty("package", out var name) && name.ValueKind == JsonValueKind.String
                ? (packageId, name.GetString()!, number)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
