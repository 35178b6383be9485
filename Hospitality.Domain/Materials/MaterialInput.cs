using Hospitality.Domain.Common;

namespace Hospitality.Domain.Materials;

/// <summary>
/// A material as a manager's form, the API or a CSV row sends it, before validation. <paramref name="Unit"/> takes the
/// API's names (g, kg, ml, l, pcs); a missing capacity or threshold is 0; a spec with an empty value is left out.
/// </summary>
public sealed record MaterialInput(string? Code, string? Name, string? Unit, string? Category = null,
    long? DefaultCapacity = null, long? LowStockThreshold = null, IReadOnlyList<MaterialSpec>? Specs = null)
{
    /// <summary>The input of an existing material, to change one field of it.</summary>
    public static MaterialInput Of(Material m) =>
        new(m.Code, m.Name, MaterialUnits.Name(m.Unit), m.Category, m.DefaultCapacity, m.LowStockThreshold, m.Specs);
}

/// <summary>Units as the API and CSV files spell them.</summary>
public static class MaterialUnits
{
    public static string Name(MaterialUnit unit) => EnumNames.Names<MaterialUnit>().ElementAt((int)unit);

    public static IEnumerable<string> Names => EnumNames.Names<MaterialUnit>();
}

/// <summary>
/// Material codes: what bins and files name a material by. Case-insensitive (stored upper-case), 1 to
/// <see cref="MaxLength"/> characters of A–Z, 0–9, '-', '_' and '.', starting with a letter or digit.
/// </summary>
public static class MaterialCodes
{
    public const int MaxLength = 32;

    /// <summary>The code in its stored form, or a refusal that says what is wrong with it.</summary>
    public static string Normalize(string? raw)
    {
        var code = (raw ?? "").Trim().ToUpperInvariant();
        if (code.Length == 0) throw DomainException.Invalid("A material needs a code, such as MILK-WHOLE.");
        if (code.Length > MaxLength) throw DomainException.Invalid($"A material code can be at most {MaxLength} characters; \u201c{Shown(code)}\u201d has {code.Length}.");
        var bad = code.FirstOrDefault(c => !IsCodeChar(c));
        if (bad != default)
            throw DomainException.Invalid($"A material code may only use letters A\u2013Z, digits, '-', '_' and '.'; \u201c{Shown(code)}\u201d has '{Shown(bad.ToString())}'.");
        if (!char.IsAsciiLetterOrDigit(code[0])) throw DomainException.Invalid($"A material code must start with a letter or digit; \u201c{code}\u201d does not.");
        return code;
    }

    private static bool IsCodeChar(char c) => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.';

    // A refusal quotes what was sent, but never a screenful of it or a control character.
    private static string Shown(string text) =>
        new([.. (text.Length > 40 ? text[..40] + "\u2026" : text).Select(c => char.IsControl(c) ? '\u2423' : c)]);
}
