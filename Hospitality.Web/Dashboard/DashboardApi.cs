using Hospitality.Domain;
using Hospitality.Domain.Common;
using Hospitality.Domain.Dashboard;
using Hospitality.Domain.Tenancy;
using Hospitality.Web.ApiV1;
using MediatR;

namespace Hospitality.Web.Dashboard;

/// <summary>
/// Seed 002's <c>GET /api/v1/dashboard/summary?from=&amp;to=&amp;location_id=</c> in its envelope, for Admins and Managers
/// (revenue is management information: Staff and Viewers get 403; they keep the machines, alarms and sales pages). Dates are
/// UTC days, both included, at most <see cref="DashboardRange.MaxDays"/>. The seed's <c>merchant_id</c> is our tenant: it may
/// be sent, and must then be the caller's own; another is not found (a tenant's existence is not told to another).
/// </summary>
public static class DashboardApi
{
    public static void MapDashboardApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet($"{ApiV1.ApiV1.Prefix}/dashboard/summary", (HttpContext http, IMediator m, TimeProvider clock, string? from, string? to,
            string? location_id, string? merchant_id, CancellationToken ct) =>
        {
            var actor = http.User.ToActor()!;
            if (!string.IsNullOrWhiteSpace(merchant_id) && merchant_id.Trim() != actor.TenantId)
                throw DomainException.NotFound($"Merchant {merchant_id.Trim()} does not exist.");
            var range = DashboardRange.Read(from, to, clock.GetUtcNow());
            return m.OkAsync(new GetDashboardSummary(actor, range.From, range.To, string.IsNullOrWhiteSpace(location_id) ? null : location_id.Trim()), ct);
        }).WithTags("Dashboard").RequireAuthorization(Policies.ManageVenue);
    }
}
