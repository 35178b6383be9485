using Hospitality.Domain.Common;
using Hospitality.Domain.Menus;
using Hospitality.Domain.Tenancy;
using Hospitality.Web.Customers;
using Hospitality.Web.Infrastructure;
using Hospitality.Web.Staff;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospitality.Web.Menus;

/// <summary>
/// A location's menu over HTTP. Prices travel as a string in major units with the currency code beside them,
/// <c>{"price": "2.99", "currency": "USD"}</c>, never as a JSON number: a float cannot hold 2.99 exactly. A price with
/// more decimals than the currency has ("2.999" USD), a sign or letters is a 400 naming the price; a location the
/// caller cannot reach (another tenant's, or another location for a one-location sign-in) is a 404.
/// </summary>
public static class MenuApi
{
    public static RouteGroupBuilder MapMenuApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/locations/{locationId}/menu").WithTags("Menus").AddEndpointFilter<CrossSiteWriteGuard>()
            .RequireAuthorization(Policies.ViewBoard);
        // Without includeUnavailable the listing is what guests see: sold-out dishes left out.
        group.MapGet("/", async (HttpContext http, IMediator m, string locationId, bool? includeUnavailable, CancellationToken ct) =>
            TypedResults.Ok(MenuView.Of(await m.Send(new GetMenu(http.User.ToActor()!, locationId, includeUnavailable ?? false), ct))));
        group.MapPost("/dishes", AddAsync).RequireAuthorization(Policies.ManageVenue).WithMetadata(new IdempotentAttribute());
        group.MapPut("/dishes/{dishId:guid}", (HttpContext http, IMediator m, string locationId, Guid dishId, DishBody body, CancellationToken ct) =>
            SendAsync(m, new ChangeMenuDish(http.User.ToActor()!, locationId, dishId, body.ToInput(), body.ExpectedVersion), dishId, ct))
            .RequireAuthorization(Policies.ManageVenue);
        group.MapPost("/dishes/{dishId:guid}/availability", (HttpContext http, IMediator m, string locationId, Guid dishId, AvailabilityBody body, CancellationToken ct) =>
            SendAsync(m, new SetMenuDishAvailability(http.User.ToActor()!, locationId, dishId, body.Available ?? throw CustomersApi.Missing("available")), dishId, ct))
            .RequireAuthorization(Policies.OperateSessions);
        group.MapDelete("/dishes/{dishId:guid}", RemoveAsync).RequireAuthorization(Policies.ManageVenue);
        return group;
    }

    private static async Task<Created<DishView>> AddAsync(HttpContext http, IMediator mediator, string locationId, DishBody body, CancellationToken ct)
    {
        var dishId = Guid.NewGuid();
        var menu = await mediator.Send(new AddMenuDish(http.User.ToActor()!, locationId, dishId, body.ToInput()), ct);
        return TypedResults.Created($"/api/locations/{Uri.EscapeDataString(locationId)}/menu/dishes/{dishId}", DishView.Of(menu, menu.Dish(dishId)!));
    }

    private static async Task<Ok<DishView>> SendAsync(IMediator mediator, IRequest<Menu> request, Guid dishId, CancellationToken ct)
    {
        var menu = await mediator.Send(request, ct);
        return TypedResults.Ok(DishView.Of(menu, menu.Dish(dishId)!));
    }

    private static async Task<NoContent> RemoveAsync(HttpContext http, IMediator mediator, string locationId, Guid dishId, CancellationToken ct)
    {
        await mediator.Send(new RemoveMenuDish(http.User.ToActor()!, locationId, dishId), ct);
        return TypedResults.NoContent();
    }
}

/// <summary>A dish as managers send it. <c>price</c> is a string in major units; <c>currency</c>, if sent, must be the menu's.</summary>
public sealed record DishBody(string? Name, string? Type, string? Price, string? Currency, string? Description, long? ExpectedVersion)
{
    public DishInput ToInput() => new(Name, Type, Price, Description, Currency);
}

public sealed record AvailabilityBody(bool? Available);

/// <summary>A location's menu as JSON; <c>version</c> is the menu's, each dish has its own for edits.</summary>
public sealed record MenuView(string LocationId, string Currency, long Version, IReadOnlyList<DishView> Dishes)
{
    public static MenuView Of(Menu menu) => new(menu.LocationId, menu.Currency, menu.Version, [.. menu.Dishes.Select(d => DishView.Of(menu, d))]);
}

/// <param name="Price">Major units as text ("2.99"), with exactly the currency's decimals.</param>
public sealed record DishView(Guid Id, string Name, DishType Type, string Price, string Currency, string Description, bool Available, long Version)
{
    public static DishView Of(Menu menu, MenuDish d) => new(d.Id, d.Name, d.Type, menu.PriceOf(d).Amount(), menu.Currency, d.Description, d.Available, d.Version);
}
