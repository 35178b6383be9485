using Hospitality.EventStore;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hospitality.Domain.Alarms;

/// <summary>
/// What alarms register with the store and the container. The host adds <see cref="DeviceAlarmWatch"/> to the store's
/// listeners; <see cref="DeviceAlarmSweep"/> joins the fleet sweep.
/// </summary>
public static class AlarmsModule
{
    public static void Configure(StoreOptions options)
    {
        options.Events.Add<AlarmRaised>().Add<AlarmRepeated>().Add<AlarmAcknowledged>().Add<AlarmResolved>().Add<AlarmCleared>();
        options.Schema.For<Alarm>(a => a.Id);
        options.Projections.InlineSnapshot<Alarm>("alarms", (state, e) => Alarm.Fold(state, e.Data, e.Version),
            typeof(AlarmRaised), typeof(AlarmRepeated), typeof(AlarmAcknowledged), typeof(AlarmResolved), typeof(AlarmCleared));
    }

    public static IServiceCollection AddAlarms(this IServiceCollection services)
    {
        services.TryAddSingleton(new AlarmRules());
        services.AddSingleton<DeviceAlarmWatch>();
        services.AddSingleton<Devices.ISweep, DeviceAlarmSweep>();
        services.AddTransient<IRequestHandler<RaiseAlarm, Alarm>, AlarmHandlers>();
        services.AddTransient<IRequestHandler<ListAlarms, AlarmPage>, AlarmHandlers>();
        services.AddTransient<IRequestHandler<CountUnresolvedAlarms, IReadOnlyDictionary<Guid, int>>, AlarmHandlers>();
        services.AddTransient<IRequestHandler<AcknowledgeAlarm, Alarm>, AlarmHandlers>();
        services.AddTransient<IRequestHandler<ResolveAlarm, Alarm>, AlarmHandlers>();
        return services;
    }
}
