namespace Hospitality.Hubs.Sessions;

/// <summary>Names of the places session changes are pushed to. Always tenant-qualified, so no push crosses tenants.</summary>
public static class SessionTopics
{
    public const string CardChanged = "SessionChanged";
    public const string Resync = "Resync";

    /// <summary>The SignalR group of one location's board.</summary>
    public static string Group(string tenantId, string locationId) => $"sessions/{tenantId}/{locationId}";

    /// <summary>The live-feed topic of one location's board, for Blazor components.</summary>
    public static string Board(string tenantId, string locationId) => $"tenant/{tenantId}/location/{locationId}/sessions";
}
