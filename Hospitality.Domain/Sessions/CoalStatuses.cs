using Hospitality.Domain.Common;

namespace Hospitality.Domain.Sessions;

/// <summary>Reads a coal status as the API spells it.</summary>
public static class CoalStatuses
{
    public static CoalStatus Parse(string? value) => EnumNames.Parse<CoalStatus>(value, "coal status");

    public static IEnumerable<string> Names => EnumNames.Names<CoalStatus>();
}
