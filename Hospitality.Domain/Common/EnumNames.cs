namespace Hospitality.Domain.Common;

/// <summary>Enum values as the API spells them (snake_case, "needs_refill"), read back with a readable refusal.</summary>
public static class EnumNames
{
    public static T Parse<T>(string? value, string what) where T : struct, Enum =>
        Enum.TryParse<T>(value?.Replace("_", "").Replace("-", ""), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _)
            ? parsed
            : throw DomainException.Invalid($"Unknown {what} '{value}'. Use one of: {string.Join(", ", Names<T>())}.");

    public static IEnumerable<string> Names<T>() where T : struct, Enum =>
        Enum.GetNames<T>().Select(n => string.Concat(n.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())));
}
