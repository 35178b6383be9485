using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Domain.Dashboard;

/// <summary>What the managers' dashboard registers: one query over the other features' documents, nothing stored of its own.</summary>
public static class DashboardModule
{
    public static IServiceCollection AddDashboard(this IServiceCollection services) =>
        services.AddTransient<IRequestHandler<GetDashboardSummary, DashboardSummary>, DashboardSummaryHandler>();
}
