using Hospitality.Domain.Alarms;
using Hospitality.Domain.Common;
using Hospitality.Domain.Devices;
using Hospitality.Domain.Recipes;
using Hospitality.Domain.RemoteCommands;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Hospitality.Tests.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Tests.Devices;

/// <summary>
/// A server that loses every after-commit effect on the fleet, as if it died right after each commit: the alarm watch,
/// failed-command alarms and the recipe install watch do not listen. What they would have done is left to the fleet
/// sweep, which tests run by hand: its clock, and the heartbeat check's, are set to an hour so neither runs on its own
/// (unless the setup says otherwise).
/// </summary>
public sealed class LostEffectsHost(HostSetup setup)
    : HospitalityHost(setup with { Settings = [("Devices:SweepEvery", "01:00:00"), ("Devices:CheckEvery", "01:00:00"), .. setup.Settings ?? []] })
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            var build = services.Last(d => d.ServiceType == typeof(StoreOptions)).ImplementationFactory!;
            services.AddSingleton(sp =>
            {
                var options = (StoreOptions)build(sp);
                options.Listeners.RemoveAll(l => l is DeviceAlarmWatch or CommandFailureAlarms or RecipeInstallWatch);
                return options;
            });
        });
    }
}

/// <summary>Two servers that lose their after-commit effects: one on the in-memory store, one on PostgreSQL (and Redis).</summary>
public sealed class LostEffects : IAsyncLifetime
{
    public const string Memory = "memory", Postgres = "postgres";

    private readonly Dictionary<string, LostEffectsHost> _hosts = new()
    {
        [Memory] = new LostEffectsHost(HostSetup.InMemory()),
        [Postgres] = new LostEffectsHost(HostSetup.Cluster()),
    };

    public Task InitializeAsync()
    {
        foreach (var host in _hosts.Values) _ = host.Server;
        return Task.CompletedTask;
    }

    /// <summary>A tenant of its own on the chosen store (<see cref="LostFleet.CreateAsync"/>).</summary>
    public Task<LostFleet> TenantAsync(string store) => LostFleet.CreateAsync(_hosts[store]);

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts.Values) await host.DisposeAsync();
    }
}

/// <summary>One test's tenant on a server that loses its after-commit effects, and what the test does there.</summary>
public sealed record LostFleet(LostEffectsHost Host, Actor Manager, string LocationId)
{
    public string TenantId => Manager.TenantId;

    /// <summary>A tenant of its own on <paramref name="host"/>, with one location and no staff: what a test does there is all there is.</summary>
    public static async Task<LostFleet> CreateAsync(LostEffectsHost host)
    {
        var id = "t-" + Guid.NewGuid().ToString("N")[..10];
        var tenant = await TenancySeeding.CreateTenantAsync(host.Store, new TenantSpec(id, id, [new LocationSpec("Bar", LocationKind.Lounge)], []));
        return new LostFleet(host, new Actor(id, "Maya"), tenant.Locations[0].Id);
    }

    public async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>Registers an EX-200 espresso machine.</summary>
    public async Task<Guid> MachineAsync() =>
        (await SendAsync(new RegisterDeviceRequest(Manager, LocationId, "Bar espresso", "EX-200", $"SN-{Guid.NewGuid():N}"[..12]))).Device.Id;

    public Task<StatusAccepted> ReportAsync(Guid deviceId, long sequence, long beans = 800, double temperature = 92) =>
        SendAsync(new ReportDeviceStatus(new DeviceCaller(TenantId, deviceId), sequence, DeviceState.Brewing, temperature, null, null,
            [new BinLevel("beans", beans)], null));

    /// <summary>One pass of the fleet sweep over this tenant, as every server runs it; answers what it repaired.</summary>
    public Task<int> SweepAsync() => Host.Services.GetRequiredService<FleetSweep>().RepairAsync(TenantId);

    /// <summary>Every alarm of a machine, newest first.</summary>
    public async Task<IReadOnlyList<Alarm>> AlarmsAsync(Guid deviceId) =>
        (await SendAsync(new ListAlarms(Manager, "all", null, deviceId, null, 1, 100))).Items;

    /// <summary>The store's position now, to ask later what this tenant committed since.</summary>
    public Task<long> MarkAsync() => Host.Store.FetchHighWaterMarkAsync();

    /// <summary>The events this tenant committed after <paramref name="mark"/>.</summary>
    public async Task<IReadOnlyList<object>> EventsSinceAsync(long mark) =>
        [.. (await Host.Store.ReadAllEventsAsync(mark, 10_000)).Where(e => e.TenantId == TenantId).Select(e => e.Data)];
}
