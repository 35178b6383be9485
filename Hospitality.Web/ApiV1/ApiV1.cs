using System.Text.Json;
using Hospitality.Domain;
using MediatR;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hospitality.Web.ApiV1;

/// <summary>
/// Seed 002's API conventions under <c>/api/v1</c>: every answer is <c>{"ok": true, "data": ...}</c> or
/// <c>{"ok": false, "error": {"code", "message"}}</c> (refusals, bad input, 401/403/404/429 alike), lists are paged
/// (<see cref="ApiV1Page{T}"/>), and <c>/api/v1/health</c> reports the service. The rest of the API keeps ProblemDetails.
/// </summary>
public static class ApiV1
{
    public const string Prefix = "/api/v1";

    public static bool Applies(HttpContext http) => http.Request.Path.StartsWithSegments(Prefix);

    public static Ok<ApiV1Response<T>> Ok<T>(T data) => TypedResults.Ok(new ApiV1Response<T>(true, data));

    /// <summary>A thin endpoint: send one request, answer its result in the envelope.</summary>
    public static async Task<Ok<ApiV1Response<T>>> OkAsync<T>(this IMediator mediator, IRequest<T> request, CancellationToken ct) =>
        Ok(await mediator.Send(request, ct));

    /// <summary>The envelope's error for a status, as snake_case code and a sentence.</summary>
    public static async Task WriteErrorAsync(HttpContext http, int status, string message, string? code = null)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body,
            new ApiV1Response<object>(false, null, new ApiV1Error(code ?? CodeOf(status), message)), JsonSerializerOptions.Web);
    }

    public static string CodeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "invalid_request",
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status409Conflict => "conflict",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status429TooManyRequests => "rate_limited",
        _ => status >= 500 ? "server_error" : "error",
    };

    /// <summary>What a bare status means, for answers that have no body of their own (authentication, routing, rate limits).</summary>
    public static string MessageOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "Sign in, or send a valid device token (Authorization: Bearer ...).",
        StatusCodes.Status403Forbidden => "Your role does not allow this.",
        StatusCodes.Status404NotFound => "There is nothing at this address.",
        StatusCodes.Status405MethodNotAllowed => "This address does not take that method.",
        StatusCodes.Status415UnsupportedMediaType => "This address does not take a body of that content type.",
        StatusCodes.Status429TooManyRequests => "Too many requests; wait a moment and try again.",
        _ => "The request could not be completed.",
    };

    /// <summary>
    /// <c>/api/v1/health</c>: the service's status with PostgreSQL and Redis when configured, in the envelope
    /// (<c>ok</c> false and 503 when one is down).
    /// </summary>
    public static IEndpointRouteBuilder MapApiV1Health(this IEndpointRouteBuilder routes)
    {
        routes.MapGet($"{Prefix}/health", async (HealthCheckService health, IConfiguration configuration, CancellationToken ct) =>
        {
            var report = await health.CheckHealthAsync(ct);
            var data = new
            {
                status = report.Status.ToString().ToLowerInvariant(),
                server = configuration["Hospitality:ServerName"] ?? Environment.MachineName,
                checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString().ToLowerInvariant()),
            };
            return report.Status == HealthStatus.Unhealthy
                ? Results.Json(new ApiV1Response<object>(false, data, new ApiV1Error("unhealthy", "A service the API needs is down.")), statusCode: 503)
                : Results.Ok(new ApiV1Response<object>(true, data));
        }).WithTags("API v1").AllowAnonymous();
        return routes;
    }
}

/// <summary>The envelope: <c>ok</c>, then <c>data</c> or <c>error</c>.</summary>
public sealed record ApiV1Response<T>(bool Ok, T? Data = default, ApiV1Error? Error = null);

public sealed record ApiV1Error(string Code, string Message);

/// <summary>A page of a list: <c>page</c> counts from 1.</summary>
public sealed record ApiV1Page<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total)
{
    public const int MaxPageSize = 200;

    /// <summary>Checks paging parameters: page from 1, page size from 1 to <see cref="MaxPageSize"/> (default 20).</summary>
    public static (int Page, int PageSize) Read(int? page, int? pageSize)
    {
        var p = page ?? 1;
        var size = pageSize ?? 20;
        if (p < 1) throw DomainException.Invalid("'page' counts from 1.");
        if (size is < 1 or > MaxPageSize) throw DomainException.Invalid($"'page_size' must be between 1 and {MaxPageSize}.");
        return (p, size);
    }
}
