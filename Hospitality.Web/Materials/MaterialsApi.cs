using Hospitality.Domain;
using Hospitality.Domain.Common;
using Hospitality.Domain.Materials;
using Hospitality.Domain.Tenancy;
using Hospitality.Web.ApiV1;
using Hospitality.Web.Infrastructure;
using Hospitality.Web.Staff;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Hospitality.Web.Materials;

/// <summary>
/// The tenant's material dictionary under <c>/api/v1/materials</c>, in seed 002's envelope. A material is named in the
/// path by its code (any case) or id. Admins and managers change it, every staff role reads it. Changes carry the version
/// the client saw (<c>expectedVersion</c>): a stale one is a 409 and changes nothing. The import takes a CSV file
/// (<see cref="MaterialCsv"/>) as a <c>text/csv</c> body or as the multipart field <c>file</c>.
/// </summary>
public static class MaterialsApi
{
    public static RouteGroupBuilder MapMaterialsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup($"{ApiV1.ApiV1.Prefix}/materials").WithTags("Materials")
            .AddEndpointFilter(CrossSiteWriteGuard.AcceptingUploads("text/csv")).RequireAuthorization(Policies.ViewBoard);
        group.MapGet("/", ListAsync);
        group.MapGet("/{material}", async (HttpContext http, IMediator m, string material, CancellationToken ct) =>
            ApiV1.ApiV1.Ok(MaterialView.Of(await m.Send(new GetMaterial(Actor(http), material), ct))));
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.ManageVenue).WithMetadata(new IdempotentAttribute());
        group.MapPut("/{material}", async (HttpContext http, IMediator m, string material, MaterialBody body, CancellationToken ct) =>
            ApiV1.ApiV1.Ok(MaterialView.Of(await m.Send(new ChangeMaterial(Actor(http), material, body.ToInput(),
                body.ExpectedVersion ?? throw DomainException.Invalid("Send the expectedVersion you last read, so a change made meanwhile is not overwritten.")), ct))))
            .RequireAuthorization(Policies.ManageVenue);
        group.MapPost("/{material}/archive", (HttpContext http, IMediator m, string material, [FromBody] VersionBody? body, CancellationToken ct) =>
            ArchiveAsync(m, new SetMaterialArchived(Actor(http), material, true, body?.ExpectedVersion), ct)).RequireAuthorization(Policies.ManageVenue);
        group.MapPost("/{material}/restore", (HttpContext http, IMediator m, string material, [FromBody] VersionBody? body, CancellationToken ct) =>
            ArchiveAsync(m, new SetMaterialArchived(Actor(http), material, false, body?.ExpectedVersion), ct)).RequireAuthorization(Policies.ManageVenue);
        // The server reads no more than a file's limit plus room for the form around it: a huge upload is cut off at the door.
        group.MapPost("/import", ImportAsync).RequireAuthorization(Policies.ManageVenue).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaterialCsv.MaxBytes + 64 * 1024));
        return group;
    }

    private static Actor Actor(HttpContext http) => http.User.ToActor() ?? throw DomainException.Forbidden("Sign in as a member of one business.");

    private static async Task<Ok<ApiV1Response<ApiV1Page<MaterialView>>>> ListAsync(HttpContext http, IMediator mediator, string? query, string? category,
        int? page, [FromQuery(Name = "page_size")] int? pageSize, [FromQuery(Name = "include_archived")] bool? includeArchived, CancellationToken ct)
    {
        var (p, size) = ApiV1Page<MaterialView>.Read(page, pageSize);
        var list = await mediator.Send(new ListMaterials(Actor(http), query, category, includeArchived ?? false, p, size), ct);
        return ApiV1.ApiV1.Ok(new ApiV1Page<MaterialView>([.. list.Items.Select(MaterialView.Of)], list.Page, list.PageSize, list.Total));
    }

    private static async Task<Created<ApiV1Response<MaterialView>>> CreateAsync(HttpContext http, IMediator mediator, MaterialBody body, CancellationToken ct)
    {
        var material = await mediator.Send(new CreateMaterial(Actor(http), body.ToInput()), ct);
        return TypedResults.Created($"{ApiV1.ApiV1.Prefix}/materials/{material.Code}", new ApiV1Response<MaterialView>(true, MaterialView.Of(material)));
    }

    private static async Task<Ok<ApiV1Response<MaterialView>>> ArchiveAsync(IMediator mediator, SetMaterialArchived request, CancellationToken ct) =>
        ApiV1.ApiV1.Ok(MaterialView.Of(await mediator.Send(request, ct)));

    /// <summary><c>?dry_run=true</c> stores nothing and reports what the import would do.</summary>
    private static async Task<Ok<ApiV1Response<MaterialImportReport>>> ImportAsync(HttpContext http, IMediator mediator,
        [FromQuery(Name = "dry_run")] bool? dryRun, CancellationToken ct)
    {
        var file = await MaterialUpload.ReadAsync(http.Request, ct);
        return ApiV1.ApiV1.Ok(await mediator.Send(new ImportMaterials(Actor(http), file, dryRun ?? false), ct));
    }
}

/// <summary>A material as managers send it. <c>specs</c> is an object of text values (<c>{"origin": "Brazil"}</c>).</summary>
public sealed record MaterialBody(string? Code, string? Name, string? Unit, string? Category, long? DefaultCapacity, long? LowStockThreshold,
    Dictionary<string, string?>? Specs, long? ExpectedVersion)
{
    public MaterialInput ToInput() => new(Code, Name, Unit, Category, DefaultCapacity, LowStockThreshold,
        Specs?.Select(s => new MaterialSpec(s.Key, s.Value ?? "")).ToList());
}

public sealed record VersionBody(long? ExpectedVersion);

/// <summary>A material as JSON; <c>version</c> goes back as <c>expectedVersion</c> with a change.</summary>
public sealed record MaterialView(Guid Id, string Code, string Name, string Unit, string Category, IReadOnlyDictionary<string, string> Specs,
    long DefaultCapacity, long LowStockThreshold, bool Archived, long Version, DateTimeOffset ChangedAt)
{
    public static MaterialView Of(Material m) => new(m.Id, m.Code, m.Name, MaterialUnits.Name(m.Unit), m.Category,
        m.Specs.ToDictionary(s => s.Key, s => s.Value), m.DefaultCapacity, m.LowStockThreshold, m.Archived, m.Version, m.ChangedAt);
}
