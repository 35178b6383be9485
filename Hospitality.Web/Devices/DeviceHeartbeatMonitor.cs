using Hospitality.Domain.Devices;
using Hospitality.Web.Infrastructure;
using MediatR;
using Microsoft.Extensions.Options;

namespace Hospitality.Web.Devices;

/// <summary>How machines are judged offline (<c>Devices</c> in configuration).</summary>
public sealed class DeviceOptions
{
    public const string Section = "Devices";

    /// <summary>A machine not heard from for this long is offline (machines report every 30 s).</summary>
    public TimeSpan OfflineAfter { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How often each server looks for silent machines; several servers doing it at once is harmless.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Marks machines offline that missed their heartbeats, on every server (a conflict between two is simply skipped).</summary>
public sealed class DeviceHeartbeatMonitor(IServiceScopeFactory scopes, IOptions<DeviceOptions> options, ILogger<DeviceHeartbeatMonitor> logger)
    : PeriodicWork(scopes, logger)
{
    protected override TimeSpan Every => options.Value.CheckEvery;

    protected override Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<IMediator>().Send(new CheckDeviceHeartbeats(options.Value.OfflineAfter), ct);
}
