using Hospitality.Domain.Devices;
using Hospitality.Web.Infrastructure;
using MediatR;
using Microsoft.Extensions.Options;

namespace Hospitality.Web.Devices;

/// <summary>Marks machines offline that missed their heartbeats, on every server (a conflict between two is simply skipped).</summary>
public sealed class DeviceHeartbeatMonitor(IServiceScopeFactory scopes, IOptions<DeviceOptions> options, ILogger<DeviceHeartbeatMonitor> logger)
    : PeriodicWork(scopes, logger)
{
    protected override TimeSpan Every => options.Value.CheckEvery;

    protected override Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<IMediator>().Send(new CheckDeviceHeartbeats(options.Value.OfflineAfter), ct);
}
