using Hospitality.Domain.Billing;
using Hospitality.Domain.Common;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Menus;

/// <summary>A manager adds a dish; the location's menu opens with it if it had none. <paramref name="DishId"/> comes from the caller, so a retry is recognised.</summary>
public sealed record AddMenuDish(Actor Actor, string LocationId, Guid DishId, DishInput Input) : IRequest<Menu>;

/// <summary>A manager changes a dish. <paramref name="ExpectedVersion"/>: the dish version the editor saw.</summary>
public sealed record ChangeMenuDish(Actor Actor, string LocationId, Guid DishId, DishInput Input, long? ExpectedVersion = null) : IRequest<Menu>;

/// <summary>Staff mark a dish sold out (false) or back on (true).</summary>
public sealed record SetMenuDishAvailability(Actor Actor, string LocationId, Guid DishId, bool Available) : IRequest<Menu>;

public sealed record RemoveMenuDish(Actor Actor, string LocationId, Guid DishId) : IRequest<Menu>;

/// <summary>Loads the menu's state, asks <see cref="MenuDecisions"/>, appends at the version it read. Who may do what is the edge's policy.</summary>
public sealed class MenuCommandHandlers(IDocumentStore store, TimeProvider clock) :
    IRequestHandler<AddMenuDish, Menu>, IRequestHandler<ChangeMenuDish, Menu>,
    IRequestHandler<SetMenuDishAvailability, Menu>, IRequestHandler<RemoveMenuDish, Menu>
{
    public Task<Menu> Handle(AddMenuDish request, CancellationToken ct) =>
        DecideAsync(request.Actor, request.LocationId, open: true, (menu, now) =>
        {
            var input = request.Input;
            return new AddDish(request.DishId, input.Name, input.ReadType(), input.ReadPrice(Currency.Of(menu.Currency)), input.Description, now);
        }, ct);

    public Task<Menu> Handle(ChangeMenuDish request, CancellationToken ct) =>
        DecideAsync(request.Actor, request.LocationId, open: false, (menu, now) =>
        {
            var input = request.Input;
            return new ChangeDish(request.DishId, input.Name, input.ReadType(), input.ReadPrice(Currency.Of(menu.Currency)),
                input.Description, request.ExpectedVersion, now);
        }, ct);

    public Task<Menu> Handle(SetMenuDishAvailability request, CancellationToken ct) =>
        DecideAsync(request.Actor, request.LocationId, open: false, (_, now) => new SetDishAvailability(request.DishId, request.Available, now), ct);

    public Task<Menu> Handle(RemoveMenuDish request, CancellationToken ct) =>
        DecideAsync(request.Actor, request.LocationId, open: false, (_, now) => new RemoveDish(request.DishId, now), ct);

    private async Task<Menu> DecideAsync(Actor actor, string locationId, bool open, Func<Menu, DateTimeOffset, MenuCommand> command, CancellationToken ct)
    {
        await using var session = store.Writing(actor.TenantId, actor.Name);
        var location = await MenuQueries.Reach(session, actor, locationId, ct);
        var id = Menu.StreamId(actor.TenantId, location.Id);
        var now = clock.GetUtcNow();
        var state = await session.Events.AggregateStreamAsync<Menu>(id, ct: ct);
        object[] opening = [];
        if (state is null)
        {
            if (!open) throw DomainException.NotFound("That dish is not on this menu (it may have been removed).");
            opening = MenuDecisions.Decide(null, new OpenMenu(id, location.Id, MenuCurrencies.ForCountry(location.Country), now));
            state = Menu.Fold(null, opening[0], 1)!;
        }

        var events = MenuDecisions.Decide(state, command(state, now));
        if (events.Length == 0) return state;
        if (opening.Length > 0) session.Events.StartStream<Menu>(id, [.. opening, .. events]);
        else session.Events.Append(id, state.Version, events);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException)
        {
            throw DomainException.Conflict("The menu was changed by someone else at the same moment. Reload and try again.");
        }
        return session.LastCommitted.Find<Menu>(id) ?? (await session.LoadAsync<Menu>(id, ct))!;
    }
}
