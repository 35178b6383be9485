namespace Hospitality.Hubs.Backplane;

/// <summary>
/// Redis channel names of one hub type, the same layout as Microsoft's Redis backplane: the hub's full name
/// keeps two hubs apart, the configured prefix keeps two apps (or test runs) on one Redis apart.
/// </summary>
internal sealed class RedisHubChannels(string prefix, string hubName)
{
    private readonly string _root = $"{prefix}:{hubName}";

    public string All => $"{_root}:all";

    /// <summary>Group add/remove requests, heard by every server; only the one owning the connection acts.</summary>
    public string GroupManagement => $"{_root}:internal:groups";

    public string Ack(string serverName) => $"{_root}:internal:ack:{serverName}";

    public string Connection(string connectionId) => $"{_root}:connection:{connectionId}";

    public string Group(string groupName) => $"{_root}:group:{groupName}";

    public string User(string userId) => $"{_root}:user:{userId}";
}
