using Hospitality.Domain.Devices;
using Hospitality.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Hospitality.Web.Devices;

/// <summary>
/// Runs the <see cref="FleetSweep"/> on every server every <c>Devices:SweepEvery</c> (60 s): after-commit effects a dead
/// server or a failed listener lost (alarms, failed-command alarms, installed recipes) are made good within a round.
/// </summary>
public sealed class FleetSweeper(IServiceScopeFactory scopes, IOptions<DeviceOptions> options, ILogger<FleetSweeper> logger)
    : PeriodicWork(scopes, logger)
{
    protected override TimeSpan Every => options.Value.SweepEvery;

    protected override Task RunAsync(IServiceProvider services, CancellationToken ct) => services.GetRequiredService<FleetSweep>().RepairAllAsync(ct);
}
