using Hospitality.Domain;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Hospitality.Web.Staff.Locations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Hospitality.Web.Staff.Screens;

/// <param name="Purpose"><c>display</c> (default) for a screen, <c>agent</c> for an AI voice or chat agent of the location.</param>
public sealed record IssueDisplayTokenRequest(string? Label, string? Purpose = null);

/// <summary>Display tokens of a location: issue (the token is returned once), list (no secrets), revoke. Admin or Manager.</summary>
public static class DisplayTokenApi
{
    public static RouteGroupBuilder MapDisplayTokenApi(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("").RequireAuthorization(Policies.ManageVenue).WithTags("Display tokens");
        tokens.MapPost("/locations/{locationId}/display-tokens", IssueAsync);
        tokens.MapGet("/locations/{locationId}/display-tokens", ListAsync);
        tokens.MapDelete("/display-tokens/{tokenId}", RevokeAsync);
        return api;
    }

    private static async Task<Results<Created<IssuedDisplayToken>, NotFound<ProblemDetails>, ValidationProblem, ProblemHttpResult>> IssueAsync(
        string locationId, IssueDisplayTokenRequest? body, HttpContext http, IDocumentStore store, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(body?.Label))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["label"] = ["A display token needs a label, such as \"Bar screen\"."],
            });
        try
        {
            var purpose = body.Purpose is null ? TokenPurpose.Display : Hospitality.Domain.Common.EnumNames.Parse<TokenPurpose>(body.Purpose, "token purpose");
            var issued = await DisplayTokenCommands.IssueAsync(store, http.User.StaffActor(), locationId, body.Label, clock.GetUtcNow(), http.RequestAborted, purpose);
            return issued is null
                ? LocationApi.LocationNotFound(locationId)
                : TypedResults.Created($"/api/locations/{locationId}/display-tokens", issued);
        }
        catch (DomainException e)
        {
            return TypedResults.Problem(title: "The display token was not issued.", detail: e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<DisplayTokenView>>, NotFound<ProblemDetails>>> ListAsync(
        string locationId, HttpContext http, IDocumentStore store)
    {
        var tokens = await DisplayTokenCommands.ListAsync(store, http.User.TenantId(), locationId, http.RequestAborted);
        return tokens is null ? LocationApi.LocationNotFound(locationId) : TypedResults.Ok(tokens);
    }

    private static async Task<Results<Ok<DisplayTokenView>, NotFound<ProblemDetails>, ProblemHttpResult>> RevokeAsync(
        string tokenId, HttpContext http, IDocumentStore store, TimeProvider clock)
    {
        try
        {
            var revoked = await DisplayTokenCommands.RevokeAsync(store, http.User.StaffActor(), tokenId, clock.GetUtcNow(), http.RequestAborted);
            return revoked is null
                ? TypedResults.NotFound(new ProblemDetails { Title = "No such display token.", Detail = $"There is no display token '{tokenId}'.", Status = 404 })
                : TypedResults.Ok(revoked);
        }
        catch (DomainException e)
        {
            return TypedResults.Problem(title: "The display token was not revoked.", detail: e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}
