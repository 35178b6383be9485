using System.Text.Json.Serialization;
using Hospitality.Domain;
using Hospitality.Domain.Alarms;
using Hospitality.Domain.Devices;
using Hospitality.Domain.GroupOrders;
using Hospitality.Domain.MachineOrders;
using Hospitality.Domain.Orders;
using Hospitality.Domain.Sessions;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Hospitality.EventStore.InMemory;

namespace Hospitality.Tests.Dashboard;

/// <summary>
/// The in-memory store with the app's domain and two tenants, Cloud (Bar, Terrace) and Rival (whose location is also "bar"),
/// filled by appending the events the features' decisions emit, at chosen times: the dashboard only reads what they project.
/// </summary>
public sealed class DashboardSeed : IAsyncDisposable
{
    public const string Cloud = "cloud", Rival = "rival", Bar = "bar", Terrace = "terrace";

    private DashboardSeed(IDocumentStore store) => Store = store;

    public IDocumentStore Store { get; }

    public static async Task<DashboardSeed> CreateAsync()
    {
        var options = new StoreOptions();
        options.Json.Converters.Add(new JsonStringEnumConverter());
        DomainModules.Configure(options);
        var seed = new DashboardSeed(new InMemoryDocumentStore(options));
        await TenancySeeding.CreateTenantAsync(seed.Store, new TenantSpec(Cloud, "Cloud Nine",
            [new LocationSpec("Bar", LocationKind.Lounge, Bar), new LocationSpec("Terrace", LocationKind.Lounge, Terrace, Country: "AE")], []));
        await TenancySeeding.CreateTenantAsync(seed.Store, new TenantSpec(Rival, "Rival Lounge", [new LocationSpec("Bar", LocationKind.Lounge, Bar)], []));
        return seed;
    }

    public async Task<Guid> AppendAsync(string tenant, params object[] events)
    {
        var id = Guid.NewGuid();
        await AppendToAsync(tenant, id, events);
        return id;
    }

    public async Task AppendToAsync(string tenant, Guid id, params object[] events)
    {
        await using var session = Store.LightweightSession(tenant);
        session.Events.Append(id, events);
        await session.SaveChangesAsync();
    }

    public async Task SessionAsync(string tenant, string location, DateTimeOffset startedAt, bool ended = false)
    {
        var id = Guid.NewGuid();
        await AppendToAsync(tenant, id, [new SessionStarted(id, location, "T1", ["Mint"], null, startedAt),
            .. ended ? [new SessionEnded(id, startedAt.AddHours(1))] : Array.Empty<object>()]);
    }

    public async Task RoomAsync(string tenant, string location, DateTimeOffset at, bool finalized = false)
    {
        var id = Guid.NewGuid();
        await AppendToAsync(tenant, id, [new RoomOpened(id, Guid.NewGuid(), location, OrderType.DineIn, "guest-1", "USD", at),
            .. finalized ? [new RoomFinalized(id, false, at.AddMinutes(30))] : Array.Empty<object>()]);
    }

    /// <summary>A restaurant order of one line at <paramref name="totalMinor"/>, cancelled when asked.</summary>
    public async Task<Guid> OrderAsync(string tenant, string location, string currency, long totalMinor, DateTimeOffset at, bool cancelled = false)
    {
        var id = Guid.NewGuid();
        await AppendToAsync(tenant, id, [new OrderPlaced(id, location, OrderType.DineIn, null, [new OrderLine(Guid.NewGuid(), "Mezze", 1, totalMinor)], currency, 0, "T1", at),
            .. cancelled ? [new OrderCancelled(id, "Guest left", at.AddMinutes(5))] : Array.Empty<object>()]);
        return id;
    }

    /// <summary>A machine sale of one item, with staff refunds of <paramref name="refunds"/> minor units after it.</summary>
    public async Task<Guid> SaleAsync(string tenant, string location, long totalMinor, DateTimeOffset at, PaymentStatus status = PaymentStatus.Paid,
        string currency = "USD", params long[] refunds)
    {
        var id = Guid.NewGuid();
        var placed = new MachineOrderPlaced(id, Guid.NewGuid(), "Bar espresso", location, $"m-{id:N}", [new MachineOrderItem("Latte", 1, totalMinor)],
            currency, totalMinor, PaymentMethod.Card, status, null, at, at);
        await AppendToAsync(tenant, id, [placed, .. refunds.Select(r => (object)new MachineOrderRefunded(id, r, "Cold", "Sam", at.AddHours(1)))]);
        return id;
    }

    /// <summary>A machine with one bin ("beans", threshold 100) at <paramref name="beans"/>, online when it reported.</summary>
    public async Task<Guid> MachineAsync(string tenant, string location, bool online, long beans, DateTimeOffset at)
    {
        var id = Guid.NewGuid();
        await AppendToAsync(tenant, id,
            new DeviceRegistered(id, location, "Espresso", "EX-200", $"SN-{id:N}", "hash", "Sam", at),
            new DeviceBinConfigured(id, "beans", "BEANS", 1000, 100, "Sam", at),
            new DeviceStatusReported(id, 1, DeviceState.Idle, 92, Connectivity.Wifi, "1.0", [new BinLevel("beans", beans)], at, at));
        if (!online) await AppendToAsync(tenant, id, new DeviceWentOffline(id, at, at.AddMinutes(5)));
        return id;
    }

    public async Task<Guid> AlarmAsync(string tenant, string location, AlarmKind kind, DateTimeOffset at, bool acknowledged = false, bool resolved = false)
    {
        var id = Guid.NewGuid();
        await AppendToAsync(tenant, id, [new AlarmRaised(id, Guid.NewGuid(), "Espresso", location, kind, "", 1, "Something is wrong", null, at),
            .. acknowledged ? [new AlarmAcknowledged(id, "Sam", at)] : Array.Empty<object>(),
            .. resolved ? [new AlarmResolved(id, "Sam", at)] : Array.Empty<object>()]);
        return id;
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
