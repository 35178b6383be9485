using System.Text.Json;
using Hospitality.EventStore.Sessions;

namespace Hospitality.EventStore.InMemory;

/// <summary>
/// One commit against <see cref="InMemoryState"/>, run under the commit gate: the checks change nothing, so a
/// conflict leaves the state untouched; <see cref="Apply"/> cannot fail half way.
/// </summary>
internal sealed class InMemoryCommit(StoreOptions options, InMemoryState state, string tenantId, DateTimeOffset now)
{
    // Versions as this commit will leave them, so two actions on one stream or document in a session stack up.
    private readonly Dictionary<Guid, StreamState?> _streams = [];
    private readonly Dictionary<(string Type, string Id), long> _documents = [];
    private readonly Dictionary<IEvent, string> _eventBodies = [];

    public void CheckStreams(IReadOnlyList<StreamAction> actions)
    {
        foreach (var action in actions)
        {
            var current = CurrentStream(action.Id);
            var version = current?.Version ?? 0;
            if (action.ActionType == StreamActionType.Start && current is not null)
                throw Conflicts.StreamExists(action.Id, version);
            if (action.ExpectedVersionOnServer is { } expected && expected != version)
                throw Conflicts.StreamVersion(action.Id, expected, version);

            foreach (var e in action.Events.Cast<EventRecord>())
            {
                e.Version = ++version;
                _eventBodies[e] = JsonSerializer.Serialize(e.Data, e.EventType, options.Json);
            }
            action.Version = version;
            _streams[action.Id] = current is null
                ? new StreamState(action.Id, tenantId, version, action.AggregateTypeName, now, now)
                : current with { Version = version, LastTimestamp = now };
        }
    }

    public void CheckDocuments(IReadOnlyList<DocumentChange> changes)
    {
        foreach (var change in changes)
        {
            var key = (change.Mapping.TypeName, change.Id);
            if (!_documents.TryGetValue(key, out var version))
                lock (state.Sync)
                    version = state.Documents.GetValueOrDefault((tenantId, key.TypeName, change.Id))?.Version ?? 0;
            if (change.ExpectedVersion is { } expected && expected != version)
                throw Conflicts.DocumentVersion(change.Mapping, change.Id, expected, version);
            _documents[key] = change.Kind == DocumentChangeKind.Delete ? 0 : version + 1;
        }
    }

    public void Apply(UnitOfWork work)
    {
        lock (state.Sync)
        {
            foreach (var action in work.Streams)
            {
                var key = (tenantId, action.Id);
                if (!state.StreamEvents.TryGetValue(key, out var streamEvents))
                    state.StreamEvents[key] = streamEvents = [];
                foreach (var e in action.Events.Cast<EventRecord>())
                {
                    e.Sequence = state.Events.Count + 1;
                    var stored = new StoredEvent(e.Sequence, e.Id, e.StreamId, tenantId, e.Version, e.EventTypeName,
                        _eventBodies[e], e.Timestamp, e.CorrelationId, e.CausationId, e.UserName);
                    state.Events.Add(stored);
                    streamEvents.Add(stored);
                }
            }
            foreach (var (id, stream) in _streams)
                state.Streams[(tenantId, id)] = stream!;

            foreach (var change in work.Documents)
            {
                var key = (tenantId, change.Mapping.TypeName, change.Id);
                if (change.Kind == DocumentChangeKind.Delete)
                {
                    state.Documents.Remove(key);
                    continue;
                }
                var version = (state.Documents.GetValueOrDefault(key)?.Version ?? 0) + 1;
                state.Documents[key] = new StoredDocument(change.Id, change.Json!, version, now);
            }
            if (work.Progress is { } progress)
                state.Progress[progress.Name] = progress.LastSequence;
        }
    }

    private StreamState? CurrentStream(Guid id)
    {
        if (_streams.TryGetValue(id, out var staged)) return staged;
        lock (state.Sync) return state.Streams.GetValueOrDefault((tenantId, id));
    }
}
