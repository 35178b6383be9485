using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Hospitality.Hubs.Backplane;

/// <summary>
/// A hub invocation as it travels between servers: method name, arguments, connections to skip, and for a
/// client-result invocation its id and the channel where the owning server sends the client's answer.
/// </summary>
internal sealed record BackplaneInvocation(
    string Target, object?[] Arguments, IReadOnlyList<string> Excluded, string? InvocationId = null, string? ReturnChannel = null);

/// <summary>A client's answer to an invocation from another server: its raw JSON result, or its error.</summary>
internal sealed record ClientAnswer(string InvocationId, string? Error, JsonElement? Result);

/// <summary>Asks the server owning <see cref="ConnectionId"/> to add it to, or remove it from, a group, then ack.</summary>
internal sealed record GroupCommand(long Id, string ReplyTo, bool Add, string GroupName, string ConnectionId);

/// <summary>
/// Wire format of the backplane. Arguments are plain JSON written with the hub's own JSON payload options, and
/// read back as <see cref="JsonElement"/>s: each server then writes them with the hub protocol its clients
/// negotiated, and the JSON protocol copies an element verbatim, so a client sees what a local send gives.
/// </summary>
internal static class BackplaneMessages
{
    public static byte[] WriteInvocation(
        string target, object?[] args, IReadOnlyList<string>? excluded, JsonSerializerOptions payloadOptions,
        string? invocationId = null, string? returnChannel = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("target", target);
            json.WriteStartArray("arguments");
            foreach (var arg in args)
            {
                JsonSerializer.Serialize(json, arg, arg?.GetType() ?? typeof(object), payloadOptions);
            }

            json.WriteEndArray();
            json.WriteStartArray("excluded");
            foreach (var id in excluded ?? [])
            {
                json.WriteStringValue(id);
            }

            json.WriteEndArray();
            if (invocationId is not null)
            {
                json.WriteString("invocationId", invocationId);
                json.WriteString("returnChannel", returnChannel);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static BackplaneInvocation ReadInvocation(byte[] message)
    {
        using var doc = JsonDocument.Parse(message);
        var root = doc.RootElement;
        var args = root.GetProperty("arguments").EnumerateArray().Select(a => (object?)a.Clone()).ToArray();
        var excluded = root.GetProperty("excluded").EnumerateArray().Select(e => e.GetString()!).ToArray();
        return new BackplaneInvocation(
            root.GetProperty("target").GetString()!, args, excluded,
            root.TryGetProperty("invocationId", out var id) ? id.GetString() : null,
            root.TryGetProperty("returnChannel", out var channel) ? channel.GetString() : null);
    }

    /// <summary>The answer with the result copied verbatim: the JSON hub protocol hands it over as a <see cref="RawResult"/>.</summary>
    public static byte[] WriteAnswer(string invocationId, string? error, object? result, JsonSerializerOptions payloadOptions)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("invocationId", invocationId);
            if (error is not null)
            {
                json.WriteString("error", error);
            }
            else if (result is RawResult raw)
            {
                json.WritePropertyName("result");
                json.WriteRawValue(raw.RawSerializedData, skipInputValidation: false);
            }
            else
            {
                json.WritePropertyName("result");
                JsonSerializer.Serialize(json, result, result?.GetType() ?? typeof(object), payloadOptions);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static ClientAnswer ReadAnswer(byte[] message)
    {
        using var doc = JsonDocument.Parse(message);
        var root = doc.RootElement;
        return new ClientAnswer(
            root.GetProperty("invocationId").GetString()!,
            root.TryGetProperty("error", out var error) ? error.GetString() : null,
            root.TryGetProperty("result", out var result) ? result.Clone() : null);
    }

    public static byte[] WriteGroupCommand(GroupCommand command) => JsonSerializer.SerializeToUtf8Bytes(command);

    public static GroupCommand ReadGroupCommand(byte[] message) => JsonSerializer.Deserialize<GroupCommand>(message)!;
}
