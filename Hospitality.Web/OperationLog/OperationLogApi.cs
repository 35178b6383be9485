using Hospitality.Domain.Common;
using Hospitality.Domain.OperationLog;
using Hospitality.Domain.Tenancy;
using Hospitality.Web.ApiV1;
using MediatR;

namespace Hospitality.Web.OperationLog;

/// <summary>Seed 002's operation log under <c>/api/v1/operation_log</c>, for managers: who did what, when, searchable.</summary>
public static class OperationLogApi
{
    public static void MapOperationLogApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet($"{ApiV1.ApiV1.Prefix}/operation_log", (HttpContext http, IMediator m, string? query, string? area, string? action,
                DateTimeOffset? from, DateTimeOffset? to, int? page, int? page_size, CancellationToken ct) =>
            {
                var (p, size) = ApiV1Page<OperationLogEntry>.Read(page, page_size);
                return m.OkAsync(new SearchOperationLog(http.User.ToActor()!, query, area, action, from, to, p, size), ct);
            })
            .WithTags("Operation log").RequireAuthorization(Policies.ManageVenue);
}
