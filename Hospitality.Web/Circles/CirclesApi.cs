using Hospitality.Domain.Circles;
using Hospitality.Domain.Common;
using Hospitality.Domain.Tenancy;
using Hospitality.Web.Infrastructure;
using Hospitality.Web.Staff;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospitality.Web.Circles;

/// <summary>
/// Seed 001's circle operations over HTTP for staff and integrations: createCircle, inviteToCircle (by mobile number,
/// adding the guest when new), removeMemberFromCircle, getCircle with its members, getCustomerCircles.
/// </summary>
public static class CirclesApi
{
    public static RouteGroupBuilder MapCirclesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/circles").WithTags("Circles").AddEndpointFilter<CrossSiteWriteGuard>()
            .RequireAuthorization(Policies.OperateSessions);
        group.MapPost("/", Create).WithMetadata(new IdempotentAttribute());
        group.MapGet("/{id}", (HttpContext http, IMediator m, string id, CancellationToken ct) => m.OkAsync(new GetCircle(http.User.ToActor()!, id), ct));
        group.MapPost("/{id}/members", (HttpContext http, IMediator m, string id, InviteBody body, CancellationToken ct) =>
            m.OkAsync(new InviteToCircle(http.User.ToActor()!, id, body.Phone, body.Name), ct)).WithMetadata(new IdempotentAttribute());
        group.MapDelete("/{id}/members/{customerId}", (HttpContext http, IMediator m, string id, string customerId, CancellationToken ct) =>
            m.OkAsync(new RemoveFromCircle(http.User.ToActor()!, id, customerId), ct));
        routes.MapGet("/api/customers/{customerId}/circles", (HttpContext http, IMediator m, string customerId, CancellationToken ct) =>
            m.OkAsync(new GetCustomerCircles(http.User.ToActor()!, customerId), ct)).WithTags("Circles").RequireAuthorization(Policies.OperateSessions);
        return group;
    }

    private static async Task<Created<CircleDetails>> Create(HttpContext http, IMediator mediator, CircleBody body, CancellationToken ct)
    {
        var kind = EnumNames.Parse<CircleKind>(body.Type ?? body.Kind, "circle type");
        var circle = await mediator.Send(new CreateCircle(http.User.ToActor()!,
            body.OwnerId ?? throw Hospitality.Domain.DomainException.Invalid("The field 'ownerId' is required: the guest who owns the circle."),
            body.Name, kind), ct);
        return TypedResults.Created($"/api/circles/{circle.Id}", circle);
    }
}

/// <summary>A new circle; <c>type</c> (seed 001's name) or <c>kind</c>: <c>family</c> or <c>friends</c>.</summary>
public sealed record CircleBody(string? OwnerId, string? Name, string? Type, string? Kind);

/// <summary>Who to invite: their mobile number, and their name when they are new to the business.</summary>
public sealed record InviteBody(string? Phone, string? Name);
