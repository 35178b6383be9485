using Hospitality.Domain.Alarms;
using Hospitality.Domain.Common;
using Hospitality.Domain.Tenancy;
using Hospitality.Web.ApiV1;
using Hospitality.Web.Staff;
using MediatR;

namespace Hospitality.Web.Alarms;

/// <summary>
/// Seed 002's alarm endpoints under <c>/api/v1/alarms</c>, in its envelope: any staff role lists (unresolved first, the
/// seed's paging); Staff and up acknowledge and resolve. Location-bound staff see and touch their location's alarms only.
/// </summary>
public static class AlarmsApi
{
    public static IEndpointRouteBuilder MapAlarmsApi(this IEndpointRouteBuilder routes)
    {
        var alarms = routes.MapGroup($"{ApiV1.ApiV1.Prefix}/alarms").WithTags("Alarms").AddEndpointFilter<CrossSiteWriteGuard>();
        alarms.MapGet("/", (HttpContext http, IMediator m, string? state, string? kind, Guid? device_id, string? location_id, int? page, int? page_size,
            CancellationToken ct) =>
        {
            var (p, size) = ApiV1Page<Alarm>.Read(page, page_size);
            return m.OkAsync(new ListAlarms(http.User.ToActor()!, state, kind, device_id, location_id, p, size), ct);
        }).RequireAuthorization(Policies.ViewBoard);
        alarms.MapPost("/{id:guid}/acknowledge", (HttpContext http, IMediator m, Guid id, CancellationToken ct) =>
            m.OkAsync(new AcknowledgeAlarm(http.User.ToActor()!, id), ct)).RequireAuthorization(Policies.OperateSessions);
        alarms.MapPost("/{id:guid}/resolve", (HttpContext http, IMediator m, Guid id, CancellationToken ct) =>
            m.OkAsync(new ResolveAlarm(http.User.ToActor()!, id), ct)).RequireAuthorization(Policies.OperateSessions);
        return routes;
    }
}
