using Hospitality.Domain.Common;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Menus;

/// <summary>
/// A location's menu. <paramref name="IncludeUnavailable"/>: staff see sold-out dishes (to bring them back); guests do not.
/// A location with no dishes yet has an empty menu in its country's currency.
/// </summary>
public sealed record GetMenu(Actor Actor, string LocationId, bool IncludeUnavailable) : IRequest<Menu>;

public sealed class MenuQueries(IDocumentStore store) : IRequestHandler<GetMenu, Menu>
{
    public async Task<Menu> Handle(GetMenu request, CancellationToken ct)
    {
        var (actor, locationId, includeUnavailable) = request;
        await using var session = store.QuerySession(actor.TenantId);
        var location = await Reach(session, actor, locationId, ct);
        var id = Menu.StreamId(actor.TenantId, location.Id);
        var menu = await session.LoadAsync<Menu>(id, ct) ?? Menu.Empty(id, location.Id, MenuCurrencies.ForCountry(location.Country));
        return includeUnavailable ? menu : menu.AvailableOnly();
    }

    /// <summary>The location, if the actor may reach it; another tenant's or screen's location is simply not found.</summary>
    internal static async Task<Location> Reach(IQuerySession session, Actor actor, string locationId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(locationId) || !actor.CanReach(locationId)) throw DomainException.NotFound($"Location {locationId} does not exist.");
        return await Locations.RequireAsync(session, locationId, ct);
    }
}
