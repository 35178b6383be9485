using Hospitality.Domain.Common;
using Hospitality.Domain.Devices;
using MediatR;

namespace Hospitality.Web.Demo;

/// <summary>A demo bin: where it starts (the simulator's first report) against its capacity and low-stock threshold.</summary>
public sealed record DemoBin(string Bin, string MaterialCode, long Capacity, long Threshold, long StartLevel);

/// <summary>A demo coffee machine and how busy the simulator makes it (chance of a sale at each report).</summary>
public sealed record DemoMachine(string Name, string LocationId, string Model, string SerialNumber, IReadOnlyList<DemoBin> Bins, double SalesPerTick);

/// <summary>
/// The demo tenant's coffee machines, registered and set up through the real commands (as a manager would on the
/// Machines page), using the demo catalog's materials. <see cref="DemoFleet"/> then runs them with the simulator. The
/// harbor terrace machine sells at nearly every report with few cups left (and a large milk tank, so the cups run low
/// first), so a newcomer sees a low-stock alarm within a few minutes (about two at the default 10 s interval); a
/// <c>Clean</c> command from the Machines page refills it. The others sell a drink every few minutes: hours of stock.
/// </summary>
public static class MachineDemo
{
    public const string BusyMachine = "Harbor terrace espresso";

    public static readonly IReadOnlyList<DemoMachine> Machines =
    [
        new("Downtown bar espresso", "downtown", "Barista EX-200", "EX200-0117",
            [new("beans", "BEANS-ESPRESSO", 1000, 200, 920), new("milk", "MILK-WHOLE", 2000, 500, 1850), new("cups", "CUP-12OZ", 100, 20, 88)], 0.05),
        new("Downtown lobby kiosk", "downtown", "Kiosk K-3", "K3-2231",
            [new("beans", "BEANS-ESPRESSO", 1000, 200, 700), new("milk", "MILK-OAT", 2000, 500, 1600), new("chocolate", "CHOC-POWDER", 800, 150, 640),
             new("cups", "CUP-8OZ", 100, 20, 75)], 0.04),
        new(BusyMachine, "harbor", "Barista EX-200", "EX200-0342",
            [new("beans", "BEANS-ESPRESSO", 1000, 200, 860), new("milk", "MILK-WHOLE", 6000, 1000, 6000), new("cups", "CUP-12OZ", 100, 20, 30)], 0.9),
    ];

    public static async Task SeedAsync(IMediator mediator, Actor actor, CancellationToken ct = default)
    {
        foreach (var machine in Machines)
        {
            var registered = await mediator.Send(new RegisterDeviceRequest(actor, machine.LocationId, machine.Name, machine.Model, machine.SerialNumber), ct);
            foreach (var bin in machine.Bins)
                await mediator.Send(new ConfigureDeviceBin(actor, registered.Device.Id, bin.Bin, bin.MaterialCode, bin.Capacity, bin.Threshold, 0), ct);
        }
    }
}
