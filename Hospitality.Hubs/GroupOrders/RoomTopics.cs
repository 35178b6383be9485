namespace Hospitality.Hubs.GroupOrders;

/// <summary>Where a room's changes are pushed. Always tenant-qualified, so no push crosses tenants.</summary>
public static class RoomTopics
{
    /// <summary>The SignalR group of one room on <c>/hubs/group-orders</c>.</summary>
    public static string Group(string tenantId, Guid roomId) => $"rooms/{tenantId}/{roomId:N}";

    /// <summary>The live-feed topic of one room, for the phone page and the seed's socket.</summary>
    public static string Feed(string tenantId, Guid roomId) => $"tenant/{tenantId}/rooms/{roomId:N}";

    public const string FeedKind = "room";

    /// <summary>The live-feed topic where a tenant's rooms are told opened or finalized (managers' dashboards); no room's content.</summary>
    public static string Openings(string tenantId) => $"tenant/{tenantId}/rooms";

    public const string OpeningKind = "room-opening";
}
