namespace Hospitality.Domain.Materials;

public abstract record MaterialCommand(DateTimeOffset At);
/// <param name="Code">Already normalized (<see cref="MaterialCodes.Normalize"/>): it decided the stream.</param>
public sealed record CreateMaterialCommand(Guid MaterialId, string Code, MaterialInput Input, DateTimeOffset At) : MaterialCommand(At);
/// <param name="ExpectedVersion">The version the editor saw; a material changed since then is not overwritten.</param>
public sealed record ChangeMaterialCommand(MaterialInput Input, long? ExpectedVersion, DateTimeOffset At) : MaterialCommand(At);
public sealed record ArchiveMaterialCommand(long? ExpectedVersion, DateTimeOffset At) : MaterialCommand(At);
public sealed record RestoreMaterialCommand(long? ExpectedVersion, DateTimeOffset At) : MaterialCommand(At);

/// <summary>Pure decisions about one material of the dictionary: given its state and a command, the events, or a refusal a manager can read.</summary>
public static class MaterialDecisions
{
    public const int MaxNameLength = 80, MaxCategoryLength = 40, MaxSpecs = 10, MaxSpecKeyLength = 30, MaxSpecValueLength = 100;

    /// <summary>The most a bin may hold in any unit: a typo guard (ten tonnes of sugar), not a business rule.</summary>
    public const long MaxCapacity = 10_000_000;

    public static object[] Decide(Material? material, MaterialCommand command)
    {
        if (command is CreateMaterialCommand create)
        {
            if (material is not null)
                throw DomainException.Conflict(material.Archived
                    ? $"There is already a material with the code {material.Code} (archived): restore it instead."
                    : $"There is already a material with the code {material.Code}.");
            var code = MaterialCodes.Normalize(create.Code);
            var v = Valid(create.Input);
            return [new MaterialCreated(create.MaterialId, code, v.Name, v.Unit, v.Category, v.Specs, v.DefaultCapacity, v.LowStockThreshold, create.At)];
        }

        if (material is null) throw DomainException.NotFound("There is no such material (check the code).");
        return command switch
        {
            ChangeMaterialCommand c => Change(material, c),
            ArchiveMaterialCommand a => Current(material, a.ExpectedVersion).Archived ? [] : [new MaterialArchived(material.Id, a.At)],
            RestoreMaterialCommand r => Current(material, r.ExpectedVersion).Archived ? [new MaterialRestored(material.Id, r.At)] : [],
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown material command."),
        };
    }

    private static object[] Change(Material material, ChangeMaterialCommand c)
    {
        Current(material, c.ExpectedVersion);
        if (!string.IsNullOrWhiteSpace(c.Input.Code) && MaterialCodes.Normalize(c.Input.Code) != material.Code)
            throw DomainException.Invalid($"The code of {material.Code} cannot be changed: bins refer to it. Archive it and create a new material instead.");
        if (material.Archived) throw DomainException.Conflict($"{material.Code} is archived: restore it before changing it.");
        var v = Valid(c.Input);
        var unchanged = v.Name == material.Name && v.Unit == material.Unit && v.Category == material.Category && v.DefaultCapacity == material.DefaultCapacity
            && v.LowStockThreshold == material.LowStockThreshold && v.Specs.SequenceEqual(material.Specs);
        return unchanged ? [] : [new MaterialChanged(material.Id, v.Name, v.Unit, v.Category, v.Specs, v.DefaultCapacity, v.LowStockThreshold, c.At)];
    }

    private static Material Current(Material material, long? expectedVersion) =>
        expectedVersion is { } seen && seen != material.Version
            ? throw DomainException.Conflict($"{material.Code} changed since you opened it (you had version {seen}, it is now at {material.Version}). Reload and try again.")
            : material;

    private sealed record ValidMaterial(string Name, MaterialUnit Unit, string Category, IReadOnlyList<MaterialSpec> Specs, long DefaultCapacity, long LowStockThreshold);

    private static ValidMaterial Valid(MaterialInput input)
    {
        var name = Text(input.Name, "name", MaxNameLength);
        if (name.Length == 0) throw DomainException.Invalid("A material needs a name, such as \u201cWhole milk\u201d.");
        if (string.IsNullOrWhiteSpace(input.Unit))
            throw DomainException.Invalid($"A material needs a unit; use one of: {string.Join(", ", MaterialUnits.Names)}.");
        var unit = Common.EnumNames.Parse<MaterialUnit>(input.Unit.Trim(), "unit");
        var category = Text(input.Category, "category", MaxCategoryLength);
        var capacity = input.DefaultCapacity ?? 0;
        var threshold = input.LowStockThreshold ?? 0;
        if (capacity < 0) throw DomainException.Invalid("The default bin capacity cannot be negative.");
        if (capacity > MaxCapacity) throw DomainException.Invalid($"The default bin capacity can be at most {MaxCapacity:N0}; {capacity:N0} looks like a typo.");
        if (threshold < 0) throw DomainException.Invalid("The low-stock threshold cannot be negative.");
        if (threshold > capacity)
            throw DomainException.Invalid($"The low-stock threshold ({threshold:N0}) cannot be above the default bin capacity ({capacity:N0}).");
        return new ValidMaterial(name, unit, category, Specs(input.Specs ?? []), capacity, threshold);
    }

    private static IReadOnlyList<MaterialSpec> Specs(IReadOnlyList<MaterialSpec> raw)
    {
        var specs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in raw)
        {
            var key = (spec.Key ?? "").Trim().ToLowerInvariant();
            if (key.Length == 0) throw DomainException.Invalid("A spec needs a name, such as \u201corigin\u201d.");
            if (key.Length > MaxSpecKeyLength || !key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-' or '.'))
                throw DomainException.Invalid($"A spec name has at most {MaxSpecKeyLength} characters of a\u2013z, digits, '-', '_' and '.'; \u201c{key}\u201d does not fit.");
            var value = Text(spec.Value, $"spec \u201c{key}\u201d", MaxSpecValueLength);
            if (value.Length == 0) continue;   // an empty cell or field means "no such spec"
            if (!specs.TryAdd(key, value)) throw DomainException.Invalid($"The spec \u201c{key}\u201d is given twice.");
        }
        if (specs.Count > MaxSpecs) throw DomainException.Invalid($"A material can have at most {MaxSpecs} specs; this one has {specs.Count}.");
        return [.. specs.Select(s => new MaterialSpec(s.Key, s.Value))];
    }

    /// <summary>Trimmed, inner runs of spaces collapsed; refused when too long or holding control characters.</summary>
    private static string Text(string? raw, string what, int max)
    {
        var text = string.Join(' ', (raw ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (text.Any(char.IsControl)) throw DomainException.Invalid($"The {what} contains control characters (a line break or tab?).");
        if (text.Length > max) throw DomainException.Invalid($"The {what} can be at most {max} characters; this one has {text.Length}.");
        return text;
    }
}
