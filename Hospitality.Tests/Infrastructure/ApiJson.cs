using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hospitality.Tests.Infrastructure;

/// <summary>The JSON the HTTP API speaks: web defaults with snake_case enum names ("needs_refill", "lounge").</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
