using Hospitality.EventStore;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Domain.Circles;

/// <summary>What circles register with the store and the container. Explicit, no scanning.</summary>
public static class CirclesModule
{
    public static void Configure(StoreOptions options)
    {
        options.Events.Add<CircleCreated>().Add<CircleMemberAdded>().Add<CircleMemberRemoved>();
        options.Schema.For<Circle>(c => c.Id);
        options.Projections.InlineSnapshot<Circle>("circles", (state, e) => Circle.Fold(state, e.Data, e.Version),
            typeof(CircleCreated), typeof(CircleMemberAdded), typeof(CircleMemberRemoved));
    }

    public static IServiceCollection AddCircles(this IServiceCollection services)
    {
        services.AddTransient<IRequestHandler<CreateCircle, CircleDetails>, CircleCommandHandlers>();
        services.AddTransient<IRequestHandler<InviteToCircle, CircleDetails>, CircleCommandHandlers>();
        services.AddTransient<IRequestHandler<RemoveFromCircle, CircleDetails>, CircleCommandHandlers>();
        services.AddTransient<IRequestHandler<GetCircle, CircleDetails>, CircleQueries>();
        services.AddTransient<IRequestHandler<GetCustomerCircles, IReadOnlyList<CircleDetails>>, CircleQueries>();
        return services;
    }
}
