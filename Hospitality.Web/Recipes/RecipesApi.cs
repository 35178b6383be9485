using System.Text.Json;
using Hospitality.Domain;
using Hospitality.Domain.Common;
using Hospitality.Domain.Recipes;
using Hospitality.Domain.Tenancy;
using Hospitality.Web.ApiV1;
using Hospitality.Web.Staff;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Hospitality.Web.Recipes;

/// <summary>
/// Recipes under <c>/api/v1</c>, in seed 002's envelope: each model's recipe schema, recipes validated against it,
/// versioned packages, and deployments to machines with their progress and rollback. Admins and managers change, every
/// staff role reads. Schemas and definitions travel as JSON objects, not strings.
/// </summary>
public static class RecipesApi
{
    public static void MapRecipesApi(this IEndpointRouteBuilder routes)
    {
        var v1 = routes.MapGroup(ApiV1.ApiV1.Prefix).WithTags("Recipes").AddEndpointFilter<CrossSiteWriteGuard>().RequireAuthorization(Policies.ViewBoard);

        v1.MapGet("/recipe-schemas", async (HttpContext http, IMediator m, CancellationToken ct) =>
            ApiV1.ApiV1.Ok((await m.Send(new ListRecipeSchemas(Actor(http)), ct)).Select(SchemaView.Of).ToList()));
        v1.MapGet("/recipe-schemas/{model}", async (HttpContext http, IMediator m, string model, long? version, CancellationToken ct) =>
            ApiV1.ApiV1.Ok(SchemaView.Of(await m.Send(new GetRecipeSchema(Actor(http), model, version), ct))));
        v1.MapPut("/recipe-schemas/{model}", async (HttpContext http, IMediator m, string model, SchemaBody body, CancellationToken ct) =>
            ApiV1.ApiV1.Ok(SchemaView.Of(await m.Send(new SetRecipeSchema(Actor(http), model, Raw(body.Schema), body.ExpectedVersion), ct))))
            .RequireAuthorization(Policies.ManageVenue);

        v1.MapGet("/recipes", async (HttpContext http, IMediator m, string? model, CancellationToken ct) =>
            ApiV1.ApiV1.Ok((await m.Send(new ListRecipes(Actor(http), model), ct)).Select(RecipeView.Of).ToList()));
        v1.MapGet("/recipes/{id:guid}", async (HttpContext http, IMediator m, Guid id, CancellationToken ct) =>
            ApiV1.ApiV1.Ok(RecipeView.Of(await m.Send(new GetRecipe(Actor(http), id), ct))));
        v1.MapPost("/recipes", async (HttpContext http, IMediator m, RecipeBody body, CancellationToken ct) =>
        {
            var recipe = RecipeView.Of(await m.Send(new CreateRecipe(Actor(http), body.Name, body.Model, Raw(body.Definition)), ct));
            return TypedResults.Created($"{ApiV1.ApiV1.Prefix}/recipes/{recipe.Id}", new ApiV1Response<RecipeView>(true, recipe));
        }).RequireAuthorization(Policies.ManageVenue);
        v1.MapPut("/recipes/{id:guid}", async (HttpContext http, IMediator m, Guid id, RecipeBody body, CancellationToken ct) =>
        {
            if (body.Model is not null) throw DomainException.Invalid("A recipe's model never changes: create a new recipe for another model.");
            return ApiV1.ApiV1.Ok(RecipeView.Of(await m.Send(new ChangeRecipe(Actor(http), id, body.Name, Raw(body.Definition), body.ExpectedVersion), ct)));
        }).RequireAuthorization(Policies.ManageVenue);
        v1.MapDelete("/recipes/{id:guid}", async (HttpContext http, IMediator m, Guid id, long? expectedVersion, CancellationToken ct) =>
            ApiV1.ApiV1.Ok(RecipeView.Of(await m.Send(new DeleteRecipe(Actor(http), id, expectedVersion), ct)))).RequireAuthorization(Policies.ManageVenue);

        v1.MapGet("/recipe-packages", async (HttpContext http, IMediator m, string? model, CancellationToken ct) =>
            ApiV1.ApiV1.Ok((await m.Send(new ListRecipePackages(Actor(http), model), ct)).Select(PackageView.Of).ToList()));
        v1.MapGet("/recipe-packages/{id:guid}", async (HttpContext http, IMediator m, Guid id, CancellationToken ct) =>
            ApiV1.ApiV1.Ok(PackageView.Of(await m.Send(new GetRecipePackage(Actor(http), id), ct))));
        v1.MapGet("/recipe-packages/{id:guid}/versions", async (HttpContext http, IMediator m, Guid id, CancellationToken ct) =>
            ApiV1.ApiV1.Ok(PackageView.Of(await m.Send(new GetRecipePackage(Actor(http), id), ct)).Versions));
        v1.MapGet("/recipe-packages/{id:guid}/versions/{version:int}", async (HttpContext http, IMediator m, Guid id, int version, CancellationToken ct) =>
            ApiV1.ApiV1.Ok(PackageView.Of(await m.Send(new GetRecipePackage(Actor(http), id), ct)).Versions.FirstOrDefault(v => v.Number == version)
                ?? throw DomainException.NotFound($"That package has no version {version}.")));
        v1.MapPost("/recipe-packages", async (HttpContext http, IMediator m, PublishBody body, CancellationToken ct) =>
            ApiV1.ApiV1.Ok(PackageView.Of(await m.Send(new PublishRecipePackage(Actor(http), body.Name, body.Model, body.RecipeIds, body.Notes, body.ExpectedVersion), ct))))
            .RequireAuthorization(Policies.ManageVenue);

        v1.MapPost("/recipe-deployments", (HttpContext http, IMediator m, DeployBody body, CancellationToken ct) =>
            m.OkAsync(new DeployRecipePackage(Actor(http), body.PackageId ?? throw DomainException.Invalid("'packageId' is required: the package to deploy."),
                body.Version, body.DeviceIds, body.LocationIds), ct)).RequireAuthorization(Policies.ManageVenue);
        v1.MapGet("/recipe-deployments", (HttpContext http, IMediator m, [FromQuery(Name = "package_id")] Guid? packageId, CancellationToken ct) =>
            m.OkAsync(new ListDeployments(Actor(http), packageId), ct));
        v1.MapGet("/recipe-deployments/{id:guid}", (HttpContext http, IMediator m, Guid id, CancellationToken ct) =>
            m.OkAsync(new GetDeploymentProgress(Actor(http), id), ct));
        v1.MapPost("/recipe-deployments/{id:guid}/rollback", (HttpContext http, IMediator m, Guid id, CancellationToken ct) =>
            m.OkAsync(new RollbackDeployment(Actor(http), id), ct)).RequireAuthorization(Policies.ManageVenue);
        v1.MapGet("/devices/{id:guid}/recipes", (HttpContext http, IMediator m, Guid id, CancellationToken ct) =>
            m.OkAsync(new GetInstalledRecipes(Actor(http), id), ct));
        v1.MapPost("/devices/{id:guid}/recipes/rollback", (HttpContext http, IMediator m, Guid id, CancellationToken ct) =>
            m.OkAsync(new RollbackDevice(Actor(http), id), ct)).RequireAuthorization(Policies.ManageVenue);
    }

    private static Actor Actor(HttpContext http) => http.User.ToActor() ?? throw DomainException.Forbidden("Sign in as a member of one business.");

    private static string? Raw(JsonElement? json) => json is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } j ? j.GetRawText() : null;

    internal static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public sealed record SchemaBody(JsonElement? Schema, long? ExpectedVersion);

    public sealed record RecipeBody(string? Name, string? Model, JsonElement? Definition, long? ExpectedVersion);

    public sealed record PublishBody(string? Name, string? Model, IReadOnlyList<Guid>? RecipeIds, string? Notes, long? ExpectedVersion);

    public sealed record DeployBody(Guid? PackageId, int? Version, IReadOnlyList<Guid>? DeviceIds, IReadOnlyList<string>? LocationIds);

    public sealed record SchemaView(string Model, long Version, JsonElement Schema, string ChangedBy, DateTimeOffset ChangedAt)
    {
        public static SchemaView Of(ModelRecipeSchema s) => new(s.Model, s.Version, Json(s.Schema), s.ChangedBy, s.ChangedAt);
    }

    public sealed record RecipeView(Guid Id, string Name, string Model, JsonElement Definition, long SchemaVersion, bool Deleted, DateTimeOffset ChangedAt, long Version)
    {
        public static RecipeView Of(Recipe r) => new(r.Id, r.Name, r.Model, Json(r.Definition), r.SchemaVersion, r.Deleted, r.ChangedAt, r.Version);
    }

    public sealed record PackagedRecipeView(Guid Id, string Name, long Version, JsonElement Definition);

    public sealed record PackageVersionView(int Number, IReadOnlyList<PackagedRecipeView> Recipes, string? Notes, string PublishedBy, DateTimeOffset PublishedAt);

    public sealed record PackageView(Guid Id, string Name, string Model, int LatestVersion, IReadOnlyList<PackageVersionView> Versions)
    {
        public static PackageView Of(RecipePackage p) => new(p.Id, p.Name, p.Model, p.Latest, [.. p.Versions.Select(v => new PackageVersionView(v.Number,
            [.. v.Recipes.Select(r => new PackagedRecipeView(r.RecipeId, r.Name, r.RecipeVersion, Json(r.Definition)))], v.Notes, v.PublishedBy, v.PublishedAt))]);
    }
}
