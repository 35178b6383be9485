using Hospitality.Domain.Common;

namespace Hospitality.Domain.Sessions;

/// <summary>Reads coal statuses as the seed's API and the screens write them ("fresh", "burning", "low", "out").</summary>
public static class CoalStatuses
{
    public static CoalStatus Parse(string? value) =>
        Enum.TryParse<CoalStatus>(value?.Replace("_", ""), ignoreCase: true, out var status) && Enum.IsDefined(status)
            && !int.TryParse(value, out _)
            ? status
            : throw DomainException.Invalid($"Unknown coal status '{value}'. Use one of: {string.Join(", ", Names)}.");

    public static IEnumerable<string> Names => Enum.GetNames<CoalStatus>().Select(n => n.ToLowerInvariant());
}
