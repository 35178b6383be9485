using Hospitality.EventStore;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Domain.Devices;

/// <summary>
/// What the coffee machine fleet registers with the store and the container. Explicit, no scanning. Features whose
/// after-commit effects concern machines add their <see cref="ISweep"/> to the <see cref="FleetSweep"/>.
/// </summary>
public static class DevicesModule
{
    public static void Configure(StoreOptions options)
    {
        options.Events.Add<DeviceRegistered>().Add<DeviceTokenChanged>().Add<DeviceStatusReported>().Add<DeviceWentOffline>().Add<DeviceCameOnline>()
            .Add<DeviceRestarted>()            .Add<DeviceBinConfigured>().Add<DeviceBinRemoved>();
        options.Schema.For<Device>(d => d.Id).For<FleetTenant>(t => t.Id);
        options.Projections.InlineSnapshot<Device>("devices", (state, e) => Device.Fold(state, e.Data, e.Version),
            typeof(DeviceRegistered), typeof(DeviceTokenChanged), typeof(DeviceStatusReported), typeof(DeviceWentOffline), typeof(DeviceCameOnline),
            typeof(DeviceRestarted), typeof(DeviceBinConfigured), typeof(DeviceBinRemoved));
    }

    public static IServiceCollection AddDevices(this IServiceCollection services)
    {
        services.AddTransient<IRequestHandler<RegisterDeviceRequest, DeviceWithToken>, DeviceHandlers>();
        services.AddTransient<IRequestHandler<ChangeDeviceTokenRequest, DeviceWithToken>, DeviceHandlers>();
        services.AddTransient<IRequestHandler<ReportDeviceStatus, StatusAccepted>, DeviceHandlers>();
        services.AddTransient<IRequestHandler<ListDevices, DevicePage>, DeviceHandlers>();
        services.AddTransient<IRequestHandler<GetDevice, DeviceView>, DeviceHandlers>();
        services.AddTransient<IRequestHandler<CheckDeviceHeartbeats, int>, DeviceHandlers>();
        services.AddTransient<IRequestHandler<ConfigureDeviceBin, DeviceView>, DeviceHandlers>();
        services.AddTransient<IRequestHandler<RemoveDeviceBin, DeviceView>, DeviceHandlers>();
        services.AddOptions<DeviceOptions>();
        services.AddSingleton<FleetSweep>();
        return services;
    }
}
