using Hospitality.EventStore;

namespace Hospitality.Tests.Sessions;

/// <summary>An event as the store would hand it to a projection, for projection tests without a store.</summary>
internal sealed record TestEvent(object Data, long Version, string? UserName) : IEvent
{
    public Guid Id { get; } = Guid.NewGuid();
    public long Sequence => Version;
    public Guid StreamId => Guid.Empty;
    public string TenantId => "tenant";
    public string EventTypeName => Data.GetType().Name;
    public Type EventType => Data.GetType();
    public DateTimeOffset Timestamp => DateTimeOffset.UnixEpoch;
    public string? CorrelationId => null;
    public string? CausationId => null;
}
