using Hospitality.EventStore.Sessions;

namespace Hospitality.EventStore.InMemory;

/// <summary>
/// Everything an in-memory store holds. Bodies are JSON strings so no caller ever shares a reference with it.
/// Writers serialize on <see cref="CommitGate"/> (async, because inline projections await inside a commit);
/// the short <see cref="Sync"/> lock keeps readers from seeing a commit half applied.
/// </summary>
internal sealed class InMemoryState
{
    public SemaphoreSlim CommitGate { get; } = new(1, 1);
    public Lock Sync { get; } = new();
    public Dictionary<(string Tenant, Guid Id), StreamState> Streams { get; } = [];
    public List<StoredEvent> Events { get; } = [];
    public Dictionary<(string Tenant, Guid Id), List<StoredEvent>> StreamEvents { get; } = [];
    public Dictionary<(string Tenant, string Type, string Id), StoredDocument> Documents { get; } = [];
    public Dictionary<string, long> Progress { get; } = new(StringComparer.Ordinal);
}

/// <summary>An event as kept in memory: metadata plus the JSON body.</summary>
internal sealed record StoredEvent(
    long Sequence, Guid Id, Guid StreamId, string TenantId, long Version, string TypeName, string Json,
    DateTimeOffset Timestamp, string? CorrelationId, string? CausationId, string? UserName);
