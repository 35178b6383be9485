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
/// the venues' local days (<c>timeZone</c> in the answer, or null when each location counts its own), both included, at most
/// <see cref="DashboardRange.MaxDays"/>. The seed's <c>merchant_id</c> is our tenant: it may
/// be sent, and must then be the caller's own; another is not found (a tenant's existence is not told to another).
/// </summary>
public static class DashboardApi
{
    public static void MapDashboardApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet($"{ApiV1.ApiV1.Prefix}/dashboard/summary", (HttpContext http, IMediator m, string? from, string? to,
            string? location_id, string? merchant_id, CancellationToken ct) =>
        {
            var actor = http.User.ToActor()!;
            if (!string.IsNullOrWhiteSpace(merchant_id) && merchant_id.Trim() != actor.TenantId)
                throw DomainException.NotFound($"Merchant {merchant_id.Trim()} does not exist.");
            // Which day is today depends on the locations' zones: the query fills in what is left out.
            return m.OkAsync(new GetDashboardSummary(actor, DashboardRange.Date(from, "from"), DashboardRange.Date(to, "to"),
                string.IsNullOrWhiteSpace(location_id) ? null : location_id.Trim()), ct);
        }).WithTags("Dashboard").RequireAuthorization(Policies.ManageVenue);
    }
}
