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

    /// <summary>Where client results for invocations started on <paramref name="serverName"/> come back.</summary>
    public string Return(string serverName) => $"{_root}:internal:return:{serverName}";

    public string Connection(string connectionId) => $"{_root}:connection:{connectionId}";

    public string Group(string groupName) => $"{_root}:group:{groupName}";

    public string User(string userId) => $"{_root}:user:{userId}";

    /// <summary>
    /// The channel as it may appear in logs: a user id can be a phone number or an e-mail address, so the
    /// part after <c>:user:</c> is masked.
    /// </summary>
    public static string ForLog(string channel)
    {
        var user = channel.IndexOf(":user:", StringComparison.Ordinal);
        return user < 0 ? channel : channel[..(user + ":user:".Length)] + "***";
    }
}
