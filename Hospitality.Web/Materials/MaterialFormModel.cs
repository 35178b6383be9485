using Hospitality.Domain;
using Hospitality.Domain.Materials;

namespace Hospitality.Web.Materials;

/// <summary>What the material editor edits: text as typed; specs as one <c>name = value</c> per line.</summary>
public sealed class MaterialFormModel
{
    public string? EditingCode { get; private set; }
    public long? ExpectedVersion { get; private set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Unit { get; set; } = "";
    public string Category { get; set; } = "";
    public string Capacity { get; set; } = "";
    public string Threshold { get; set; } = "";
    public string Specs { get; set; } = "";

    public static MaterialFormModel For(Material m) => new()
    {
        EditingCode = m.Code, ExpectedVersion = m.Version, Code = m.Code, Name = m.Name, Unit = MaterialUnits.Name(m.Unit), Category = m.Category,
        Capacity = m.DefaultCapacity.ToString(), Threshold = m.LowStockThreshold.ToString(),
        Specs = string.Join('\n', m.Specs.Select(s => $"{s.Key} = {s.Value}")),
    };

    /// <summary>The input for the decisions; numbers and spec lines that cannot be read are refused as the API would.</summary>
    public MaterialInput ToInput() => new(Code, Name, Unit, Category, Number(Capacity, "default bin capacity"), Number(Threshold, "low-stock threshold"),
        [.. Specs.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Spec)]);

    private static long? Number(string text, string what) => string.IsNullOrWhiteSpace(text) ? null
        : long.TryParse(text.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
        : throw DomainException.Invalid($"The {what} \u201c{text.Trim()}\u201d is not a whole number.");

    private static MaterialSpec Spec(string line)
    {
        var at = line.IndexOf('=');
        return at > 0 ? new MaterialSpec(line[..at], line[(at + 1)..])
            : throw DomainException.Invalid($"Write each spec as \u201cname = value\u201d; \u201c{line}\u201d is not.");
    }
}
