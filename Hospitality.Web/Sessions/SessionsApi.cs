using Hospitality.Domain;
using System.Text.Json.Serialization;
using Hospitality.Domain.Common;
using Hospitality.Domain.Customers;
using Hospitality.Domain.Sessions;
using Hospitality.Domain.Tenancy;
using Hospitality.Web.Infrastructure;
using Hospitality.Web.Staff;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospitality.Web.Sessions;

/// <summary>
/// The seed's session API: <c>GET /api/sessions</c> lists live sessions with their customer's profile;
/// <c>POST /api/sessions</c> takes an <c>action</c> (<c>handle_refill</c>, <c>get_flavor_suggestions</c>,
/// <c>add_flavor</c>, <c>update_coal_status</c>, and <c>request_refill</c>, <c>start_session</c>, <c>end_session</c>).
/// </summary>
public static class SessionsApi
{
    public static readonly string[] Actions =
        ["handle_refill", "get_flavor_suggestions", "add_flavor", "update_coal_status", "request_refill", "start_session", "end_session"];

    public static RouteGroupBuilder MapSessionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/sessions").WithTags("Sessions").AddEndpointFilter<CrossSiteWriteGuard>();
        group.MapGet("/", List).RequireAuthorization(Policies.ViewBoard);
        group.MapGet("/{sessionId:guid}", Get).RequireAuthorization(Policies.ViewBoard);
        group.MapPost("/", Act).RequireAuthorization(Policies.OperateSessions).WithMetadata(new IdempotentAttribute());
        return group;
    }

    private static async Task<Ok<IReadOnlyList<SessionWithCustomer>>> List(
        HttpContext http, IMediator mediator, string? locationId, CancellationToken ct)
    {
        var actor = http.User.ToActor()!;
        var cards = locationId is null
            ? await mediator.Send(new GetActiveSessions(actor), ct)
            : await mediator.Send(new GetBoard(actor, locationId), ct);
        return TypedResults.Ok(await WithCustomers(mediator, actor, cards, ct));
    }

    private static async Task<Ok<SessionWithCustomer>> Get(HttpContext http, IMediator mediator, Guid sessionId, CancellationToken ct)
    {
        var actor = http.User.ToActor()!;
        var card = await mediator.Send(new GetSessionCard(actor, sessionId), ct);
        return TypedResults.Ok((await WithCustomers(mediator, actor, [card], ct))[0]);
    }

    private static async Task<Results<Ok<SessionWithCustomer>, Ok<FlavorSuggestions>, Created<SessionWithCustomer>>> Act(
        HttpContext http, IMediator mediator, SessionAction body, TimeProvider clock, CancellationToken ct)
    {
        var actor = http.User.ToActor()!;
        var now = clock.GetUtcNow();
        switch (body.Action)
        {
            case "get_flavor_suggestions":
                return TypedResults.Ok(await mediator.Send(new GetFlavorSuggestions(actor, Required(body.LocationId, "locationId"), body.CustomerId), ct));
            case "start_session":
                var started = await mediator.Send(new OpenSession(actor, new StartSession(body.SessionId ?? Guid.NewGuid(),
                    Required(body.LocationId, "locationId"), Required(body.Table, "table"), body.Flavors ?? [], body.CustomerId, now)), ct);
                var view = (await WithCustomers(mediator, actor, [started], ct))[0];
                return TypedResults.Created($"/api/sessions/{started.Id}", view);
        }
        SessionCommand command = body.Action switch
        {
            "handle_refill" => new CompleteRefill(now),
            "request_refill" => new RequestRefill(now),
            "add_flavor" => new AddFlavor(Required(body.Flavor, "flavor"), body.Custom ?? false, now),
            "update_coal_status" => new UpdateCoalStatus(CoalStatuses.Parse(Required(body.CoalStatus, "coalStatus")), now),
            "end_session" => new EndSession(now),
            null or "" => throw DomainException.Invalid($"The request needs an 'action': one of {string.Join(", ", Actions)}."),
            _ => throw DomainException.Invalid($"Unknown action '{body.Action}'. Use one of {string.Join(", ", Actions)}."),
        };
        var sessionId = body.SessionId ?? throw DomainException.Invalid($"The action '{body.Action}' needs a 'sessionId'.");
        var card = await mediator.Send(new ChangeSession(actor, sessionId, command, body.ExpectedVersion), ct);
        return TypedResults.Ok((await WithCustomers(mediator, actor, [card], ct))[0]);
    }

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw DomainException.Invalid($"The field '{name}' is required for this action.") : value;

    private static async Task<IReadOnlyList<SessionWithCustomer>> WithCustomers(
        IMediator mediator, Actor actor, IReadOnlyList<SessionCard> cards, CancellationToken ct)
    {
        var ids = cards.Select(c => c.CustomerId).OfType<string>().Distinct().ToList();
        var profiles = (await mediator.Send(new GetCustomers(actor, ids), ct)).ToDictionary(c => c.Id);
        return [.. cards.Select(c => new SessionWithCustomer(c, c.CustomerId is { } id ? profiles.GetValueOrDefault(id) : null))];
    }
}

/// <summary>The body of <c>POST /api/sessions</c>. Which fields are needed depends on <see cref="Action"/>.</summary>
public sealed record SessionAction(
    string? Action, Guid? SessionId, long? ExpectedVersion, string? LocationId, string? CustomerId,
    string? Flavor, bool? Custom, string? CoalStatus, string? Table, IReadOnlyList<string>? Flavors);

/// <summary>A live session as the API returns it: the card, plus the customer's profile when one is assigned.</summary>
public sealed record SessionWithCustomer(
    [property: JsonPropertyName("session")] SessionCard Session,
    [property: JsonPropertyName("customer")] CustomerProfile? Customer)
{
    [JsonPropertyName("customerName")] public string CustomerName => Session.DisplayName;
}
