namespace Hospitality.EventStore;

/// <summary>The document of one stream, folded from its events: what <see cref="ProjectionRegistry.InlineSnapshot{T}"/> registers.</summary>
internal sealed class SnapshotProjection<T>(string name, Func<T?, IEvent, T?> evolve, HashSet<Type> eventTypes) : IProjection where T : class
{
    public string Name => name;

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<StreamAction> streams, CancellationToken ct)
    {
        foreach (var stream in streams.Where(s => s.Events.Any(e => eventTypes.Contains(e.Data.GetType()))))
        {
            var snapshot = await operations.LoadAsync<T>(DocumentRegistry.IdString(stream.Id), ct);
            foreach (var e in stream.Events) snapshot = evolve(snapshot, e);
            if (snapshot is not null) operations.Store(snapshot);
        }
    }
}
