namespace Hospitality.EventStore.Sessions;

/// <summary>Stages stream actions into the session's unit of work; reads go straight to storage.</summary>
internal sealed class EventOperations(DocumentSession session) : IEventOperations
{
    public StreamAction StartStream<TAggregate>(Guid streamId, params object[] events) where TAggregate : class =>
        Stage(streamId, StreamActionType.Start, EventTypeRegistry.SnakeCase(typeof(TAggregate).Name), null, events);

    public StreamAction Append(Guid streamId, params object[] events) =>
        Stage(streamId, StreamActionType.Append, null, null, events);

    public StreamAction Append(Guid streamId, long expectedVersion, params object[] events)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        return Stage(streamId, StreamActionType.Append, null, expectedVersion, events);
    }

    public Task<IReadOnlyList<IEvent>> FetchStreamAsync(Guid streamId, long version = 0, CancellationToken ct = default) =>
        session.FetchStreamAsync(streamId, version, ct);

    public Task<T?> AggregateStreamAsync<T>(Guid streamId, long version = 0, CancellationToken ct = default) where T : class =>
        session.AggregateStreamAsync<T>(streamId, version, ct);

    public Task<StreamState?> FetchStreamStateAsync(Guid streamId, CancellationToken ct = default) =>
        session.FetchStreamStateAsync(streamId, ct);

    private StreamAction Stage(Guid streamId, StreamActionType type, string? aggregate, long? expected, object[] events)
    {
        if (events.Length == 0) throw new ArgumentException("A stream action needs at least one event.", nameof(events));
        var action = new StreamAction
        {
            Id = streamId,
            TenantId = session.TenantId,
            ActionType = type,
            AggregateTypeName = aggregate,
            ExpectedVersionOnServer = expected,
            Events = events.Select(ToRecord).ToList(),
        };
        session.Work.Streams.Add(action);
        return action;
    }

    private IEvent ToRecord(object data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var type = data.GetType();
        // Resolving the name now makes an unregistered event type fail where it was appended, not at commit.
        return new EventRecord
        {
            Id = Guid.CreateVersion7(),
            EventTypeName = session.Options.Events.NameOf(type),
            EventType = type,
            Data = data,
        };
    }
}
