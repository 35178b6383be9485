using Hospitality.Domain.Customers;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Domain.Sessions;

/// <summary>What the live session board registers with the store and the container. Explicit, no scanning.</summary>
public static class SessionsModule
{
    public static void Configure(StoreOptions options)
    {
        CustomersModule.Configure(options);   // cards and suggestions read guest profiles
        options.Events
            .Add<SessionStarted>().Add<RefillRequested>().Add<RefillCompleted>()
            .Add<CoalStatusUpdated>().Add<FlavorAdded>().Add<SessionEnded>();
        options.Schema.For<SessionCard>(c => c.Id);
        options.Projections.LiveStreamAggregation<HookahSession>((state, e) => HookahSession.Fold(state, e.Data));
        options.Schema.For<CustomerVisits>(v => v.Id);
        options.Projections.Inline.Add(new CustomerVisitsProjection());   // before the cards: a new card shows the tier with this visit
        options.Projections.Inline.Add(new SessionCardProjection());
    }

    public static IServiceCollection AddSessions(this IServiceCollection services)
    {
        services.AddCustomers();
        services.AddTransient<IRequestHandler<OpenSession, SessionCard>, SessionCommandHandlers>();
        services.AddTransient<IRequestHandler<ChangeSession, SessionCard>, SessionCommandHandlers>();
        services.AddTransient<IRequestHandler<GetBoard, IReadOnlyList<SessionCard>>, SessionQueryHandlers>();
        services.AddTransient<IRequestHandler<GetActiveSessions, IReadOnlyList<SessionCard>>, SessionQueryHandlers>();
        services.AddTransient<IRequestHandler<GetSessionCard, SessionCard>, SessionQueryHandlers>();
        services.AddTransient<IRequestHandler<GetFlavorSuggestions, FlavorSuggestions>, FlavorSuggestionHandler>();
        services.AddTransient<IRequestHandler<GetFlavorAnalytics, FlavorAnalytics>, FlavorAnalyticsHandler>();
        services.AddTransient<IRequestHandler<ListLocations, IReadOnlyList<Location>>, LocationQueryHandler>();
        services.AddTransient<IRequestHandler<FindLocation, Location>, FindLocationHandler>();
        return services;
    }
}
