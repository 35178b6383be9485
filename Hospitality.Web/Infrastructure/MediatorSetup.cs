using MediatR;

namespace Hospitality.Web.Infrastructure;

/// <summary>
/// MediatR 5.1.0 wired by hand: the feed lacks MediatR 12 and its DI package (MediatR.Contracts is absent).
/// Features register their own handlers (e.g. <c>AddSessions</c>); where a full feed exists, this becomes
/// <c>services.AddMediatR(cfg => cfg.RegisterServicesFromAssembly(...))</c>.
/// </summary>
public static class MediatorSetup
{
    public static IServiceCollection AddMediator(this IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        return services;
    }
}
