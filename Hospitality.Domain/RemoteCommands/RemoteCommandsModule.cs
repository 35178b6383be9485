using Hospitality.EventStore;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Domain.RemoteCommands;

/// <summary>
/// What remote commands register with the store and the container. Explicit, no scanning. The host adds
/// <see cref="CommandFailureAlarms"/> to the store's listeners; <see cref="CommandFailureSweep"/> joins the fleet sweep.
/// </summary>
public static class RemoteCommandsModule
{
    public static void Configure(StoreOptions options)
    {
        options.Events.Add<CommandQueued>().Add<CommandSent>().Add<CommandRetryScheduled>().Add<CommandAcknowledged>()
            .Add<CommandSucceeded>().Add<CommandFailed>().Add<CommandExpired>();
        options.Schema.For<RemoteCommand>(c => c.Id).For<CommandBatch>(b => b.Id);
        options.Projections.InlineSnapshot<RemoteCommand>("remote_commands", (state, e) => RemoteCommand.Fold(state, e.Data, e.Version),
            typeof(CommandQueued), typeof(CommandSent), typeof(CommandRetryScheduled), typeof(CommandAcknowledged), typeof(CommandSucceeded),
            typeof(CommandFailed), typeof(CommandExpired));
    }

    public static IServiceCollection AddRemoteCommands(this IServiceCollection services)
    {
        services.AddOptions<CommandTiming>();
        services.AddSingleton<CommandFailureAlarms>();
        services.AddSingleton<Devices.ISweep, CommandFailureSweep>();
        services.AddTransient<IRequestHandler<QueueCommandRequest, RemoteCommand>, CommandHandlers>();
        services.AddTransient<IRequestHandler<QueueBatchRequest, BatchProgress>, CommandHandlers>();
        services.AddTransient<IRequestHandler<GetBatchProgress, BatchProgress>, CommandHandlers>();
        services.AddTransient<IRequestHandler<GetRemoteCommand, RemoteCommand>, CommandHandlers>();
        services.AddTransient<IRequestHandler<ListDeviceCommands, IReadOnlyList<RemoteCommand>>, CommandHandlers>();
        services.AddTransient<IRequestHandler<TakeDueCommands, IReadOnlyList<RemoteCommand>>, CommandHandlers>();
        services.AddTransient<IRequestHandler<AcknowledgeCommand, RemoteCommand>, CommandHandlers>();
        services.AddTransient<IRequestHandler<CompleteCommand, RemoteCommand>, CommandHandlers>();
        services.AddTransient<IRequestHandler<TickCommands, IReadOnlyList<Devices.DeviceCaller>>, CommandHandlers>();
        services.AddTransient<IRequestHandler<GetFleetTotals, FleetTotals>, FleetTotalsQuery>();
        return services;
    }
}
