namespace Hospitality.EventStore.Sessions;

/// <summary>
/// The one <see cref="IEvent"/> implementation. Sequence, version and metadata are filled in while the
/// session commits, which is why they have internal setters.
/// </summary>
internal sealed class EventRecord : IEvent
{
    public required Guid Id { get; init; }
    public long Sequence { get; set; }
    public long Version { get; set; }
    public Guid StreamId { get; set; }
    public string TenantId { get; set; } = "";
    public required string EventTypeName { get; init; }
    public required Type EventType { get; init; }
    public required object Data { get; init; }
    public DateTimeOffset Timestamp { get; set; }
    public string? CorrelationId { get; set; }
    public string? CausationId { get; set; }
    public string? UserName { get; set; }
}
