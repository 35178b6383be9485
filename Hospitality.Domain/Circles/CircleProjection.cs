using Hospitality.EventStore;

namespace Hospitality.Domain.Circles;

/// <summary>Keeps <see cref="Circle"/> documents in step with circle events, in the committing transaction.</summary>
public sealed class CircleProjection : IProjection
{
    public string Name => "circles";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<StreamAction> streams, CancellationToken ct)
    {
        foreach (var stream in streams.Where(s => s.Events.Any(e => e.Data is CircleCreated or CircleMemberAdded or CircleMemberRemoved)))
        {
            var circle = await operations.LoadAsync<Circle>(DocumentRegistry.IdString(stream.Id), ct);
            foreach (var e in stream.Events) circle = Circle.Fold(circle, e.Data, e.Version);
            if (circle is not null) operations.Store(circle);
        }
    }
}
