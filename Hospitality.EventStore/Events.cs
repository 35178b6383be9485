namespace Hospitality.EventStore;

/// <summary>A committed (or staged) event with its metadata.</summary>
public interface IEvent
{
    Guid Id { get; }
    /// <summary>Global sequence across all streams and tenants; 0 until committed.</summary>
    long Sequence { get; }
    /// <summary>Version of the stream after this event (1 for the first event).</summary>
    long Version { get; }
    Guid StreamId { get; }
    string TenantId { get; }
    /// <summary>The registered type name (<see cref="EventTypeRegistry"/>), stored with the event.</summary>
    string EventTypeName { get; }
    Type EventType { get; }
    object Data { get; }
    DateTimeOffset Timestamp { get; }
    string? CorrelationId { get; }
    string? CausationId { get; }
    /// <summary>The acting user, from <see cref="IDocumentSession.LastModifiedBy"/>.</summary>
    string? UserName { get; }
}

/// <summary>The events a session staged for one stream, with the version expectations to check at commit.</summary>
public sealed class StreamAction
{
    public required Guid Id { get; init; }
    public required string TenantId { get; init; }
    public required StreamActionType ActionType { get; init; }
    /// <summary>The aggregate type name given to StartStream, if any.</summary>
    public string? AggregateTypeName { get; init; }
    /// <summary>The version the stream must have at commit, or null for no check.</summary>
    public long? ExpectedVersionOnServer { get; init; }
    /// <summary>The stream's version after these events; set when the session commits.</summary>
    public long Version { get; internal set; }
    public required IReadOnlyList<IEvent> Events { get; init; }
}

public enum StreamActionType { Start, Append }

/// <summary>What is known of a stream without reading its events.</summary>
public sealed record StreamState(Guid Id, string TenantId, long Version, string? AggregateTypeName, DateTimeOffset Created, DateTimeOffset LastTimestamp);

/// <summary>What is known of a stored document besides its data.</summary>
public sealed record DocumentMetadata(string Id, string TenantId, long Version, DateTimeOffset LastModified);

/// <summary>
/// Raised by SaveChangesAsync when an expected stream or document version does not hold, or a stream or
/// document that must be new already exists. Nothing of the session was written.
/// </summary>
public sealed class ConcurrencyException(string message, string kind, string id, long? expectedVersion, long? actualVersion)
    : Exception(message)
{
    /// <summary>"stream" or "document".</summary>
    public string Kind { get; } = kind;
    public string Id { get; } = id;
    public long? ExpectedVersion { get; } = expectedVersion;
    public long? ActualVersion { get; } = actualVersion;
}
