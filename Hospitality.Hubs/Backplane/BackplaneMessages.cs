using System.Text.Json;

namespace Hospitality.Hubs.Backplane;

/// <summary>A hub invocation as it travels between servers: method name, arguments, connections to skip.</summary>
internal sealed record BackplaneInvocation(string Target, object?[] Arguments, IReadOnlyList<string> Excluded);

/// <summary>Asks the server owning <see cref="ConnectionId"/> to add it to, or remove it from, a group, then ack.</summary>
internal sealed record GroupCommand(long Id, string ReplyTo, bool Add, string GroupName, string ConnectionId);

/// <summary>
/// Wire format of the backplane. Arguments are plain JSON written with the hub's own JSON payload options, and
/// read back as <see cref="JsonElement"/>s: each server then writes them with the hub protocol its clients
/// negotiated, and the JSON protocol copies an element verbatim, so a client sees what a local send gives.
/// </summary>
internal static class BackplaneMessages
{
    public static byte[] WriteInvocation(string target, object?[] args, IReadOnlyList<string>? excluded, JsonSerializerOptions payloadOptions)
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
        return new BackplaneInvocation(root.GetProperty("target").GetString()!, args, excluded);
    }

    public static byte[] WriteGroupCommand(GroupCommand command) => JsonSerializer.SerializeToUtf8Bytes(command);

    public static GroupCommand ReadGroupCommand(byte[] message) => JsonSerializer.Deserialize<GroupCommand>(message)!;
}
