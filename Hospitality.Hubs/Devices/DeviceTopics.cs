namespace Hospitality.Hubs.Devices;

/// <summary>Where machine changes are pushed. Always tenant-qualified, so no push crosses tenants.</summary>
public static class DeviceTopics
{
    public const string DeviceChanged = "DeviceChanged";

    /// <summary>The hub group of every machine of a tenant (managers' dashboards).</summary>
    public static string Fleet(string tenantId) => $"devices/{tenantId}";

    /// <summary>The hub group of one location's machines.</summary>
    public static string Location(string tenantId, string locationId) => $"devices/{tenantId}/{locationId}";

    /// <summary>The live-feed topic of a tenant's machines, for Blazor pages.</summary>
    public static string Feed(string tenantId) => $"tenant/{tenantId}/devices";

    public const string FeedKind = "device";

    public const string CommandChanged = "CommandChanged", CommandsDue = "CommandsDue";

    /// <summary>The hub group of one machine's own connections: where it hears that commands are waiting.</summary>
    public static string Machine(string tenantId, Guid deviceId) => $"machine/{tenantId}/{deviceId:N}";

    /// <summary>The live-feed topic of a tenant's remote commands, for Blazor pages.</summary>
    public static string Commands(string tenantId) => $"tenant/{tenantId}/commands";

    public const string CommandKind = "command";
}
