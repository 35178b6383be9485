using System.Text.Json;
using Hospitality.Domain;

namespace Hospitality.Hubs.GroupOrders;

/// <summary>
/// Reads hub arguments taken as raw JSON, so a wrong one (a number for an id, text for a quantity) is refused with a
/// sentence naming it, like any other refusal, instead of SignalR's bare "error on the server" before our filter runs.
/// </summary>
public static class HubArguments
{
    public static Guid Id(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id)
            ? id
            : throw DomainException.Invalid($"'{name}' must be a UUID, such as \"{Guid.Empty}\".");

    public static int Number(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw DomainException.Invalid($"'{name}' must be a whole number.");

    public static int? OptionalNumber(JsonElement value, string name) =>
        value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : Number(value, name);
}
