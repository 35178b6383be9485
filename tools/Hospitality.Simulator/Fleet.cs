using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Hospitality.Simulator;

/// <summary>
/// A registered machine the simulator speaks for: its id and token (from registration, or a tokens file), and
/// optionally how full its bins start and how busy it is.
/// </summary>
public sealed record MachineCredentials(Guid DeviceId, string Token, string Name, IReadOnlyList<BinSupply>? Bins = null, double? SalesPerTick = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads a tokens file: a JSON array of <c>{ "deviceId", "token", "name", "bins"?: [{ "bin", "level", "capacity" }], "salesPerTick"? }</c>.</summary>
    public static async Task<IReadOnlyList<MachineCredentials>> ReadAsync(string path, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<List<MachineCredentials>>(file, Json, ct) ?? [];
    }

    public static async Task WriteAsync(string path, IReadOnlyList<MachineCredentials> machines, CancellationToken ct)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, machines, Json, ct);
    }
}

/// <summary>Many virtual machines run together against one server; find one by id or name to silence it.</summary>
public sealed class Fleet(IReadOnlyList<MachineDriver> drivers, FleetCounters counters)
{
    public IReadOnlyList<MachineDriver> Machines => drivers;

    public FleetCounters Counters => counters;

    public MachineDriver this[string name] => drivers.First(d => d.Machine.Name == name);

    public MachineDriver this[Guid deviceId] => drivers.First(d => d.Machine.DeviceId == deviceId);

    /// <summary>Runs every machine until <paramref name="ct"/> is cancelled; returns once all have stopped.</summary>
    public Task RunAsync(CancellationToken ct) => Task.WhenAll(drivers.Select(d => d.RunAsync(ct)));

    /// <summary>
    /// A fleet for <paramref name="machines"/> on <paramref name="server"/>. Bins not given start full with
    /// <see cref="Drinks.StandardBins"/>; <paramref name="connect"/> defaults to a <see cref="ClientWebSocket"/>.
    /// </summary>
    public static Fleet Create(IEnumerable<MachineCredentials> machines, HttpClient http, SimulatorOptions options, ILoggerFactory logs,
        WebSocketConnector? connect = null, Random? random = null, double salesPerTick = 0.3)
    {
        var counters = new FleetCounters();
        var logger = logs.CreateLogger("Hospitality.Simulator");
        var server = http.BaseAddress ?? throw new ArgumentException("The HTTP client needs the server's address.", nameof(http));
        var drivers = machines.Select(m =>
        {
            var own = random is null ? null : new Random(random.Next());   // Random is not thread-safe: one per machine
            var bins = m.Bins ?? [.. Drinks.StandardBins.Select(b => new BinSupply(b.Bin, b.Capacity, b.Capacity))];
            var machine = new VirtualMachine(m.DeviceId, m.Name, bins, own, m.SalesPerTick ?? salesPerTick, options.FailShare);
            return new MachineDriver(machine, new MachineApi(http, m.DeviceId, m.Token), server, m.Token, connect ?? ConnectAsync,
                options, counters, logger, own);
        }).ToList();
        return new Fleet(drivers, counters);
    }

    private static async Task<WebSocket> ConnectAsync(Uri address, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(address, ct);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
