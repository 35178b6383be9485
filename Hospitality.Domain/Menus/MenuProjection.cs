using Hospitality.EventStore;

namespace Hospitality.Domain.Menus;

/// <summary>Keeps the <see cref="Menu"/> document in step with menu events, inside the committing transaction.</summary>
public sealed class MenuProjection : IProjection
{
    public string Name => "menus";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<StreamAction> streams, CancellationToken ct)
    {
        foreach (var stream in streams.Where(s => s.Events.Any(e => IsMenuEvent(e.Data))))
        {
            var menu = await operations.LoadAsync<Menu>(stream.Id, ct);
            foreach (var e in stream.Events) menu = Menu.Fold(menu, e.Data, e.Version);
            if (menu is not null) operations.Store(menu);
        }
    }

    private static bool IsMenuEvent(object data) =>
        data is MenuOpened or DishAdded or DishChanged or DishMadeUnavailable or DishMadeAvailable or DishRemoved;
}
