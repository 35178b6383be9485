namespace Hospitality.Simulator;

/// <summary>A bin on a virtual machine: what it holds now and at most, in the material's units.</summary>
public sealed record BinSupply(string Bin, long Level, long Capacity);

/// <summary>What a virtual machine says in one status report (seed 002's <c>POST /devices/{id}/status</c> body).</summary>
/// <param name="BootId">The machine's current boot: its sequence counts within it.</param>
public sealed record StatusReport(long Sequence, string State, double Temperature, string Connectivity, string Firmware,
    IReadOnlyList<(string Bin, long Level)> Bins, string? BootId = null);

/// <summary>One sale as the machine records it (<c>POST /devices/{id}/orders/create</c>).</summary>
public sealed record Sale(string MachineOrderId, string Drink, string UnitPrice, string PaymentMethod);

/// <summary>How a command ended on the machine: the result it reports.</summary>
public sealed record CommandOutcome(bool Success, string Message);

/// <summary>
/// One coffee machine's behaviour, with no I/O: sales drain its bins, reports carry its boot id, an increasing sequence
/// and a temperature drifting in range, commands are carried out (a <c>clean</c> is the service visit: every bin refilled;
/// a <c>restart</c> starts a new boot, counting its sequence again from 1).
/// The driver (<see cref="MachineDriver"/>) puts it on the network. Not thread-safe: one driver owns it.
/// </summary>
public sealed class VirtualMachine
{
    /// <summary>Temperatures stay inside the server's default alarm range (85–96 °C) unless a test pushes them out.</summary>
    public const double MinTemperature = 88, MaxTemperature = 95;

    public static readonly string[] PaymentMethods = ["cash", "card", "mobile", "qr"];

    private readonly Dictionary<string, BinSupply> _bins;
    private readonly Random _random;
    private readonly string _orderPrefix;
    private int _orders;

    /// <param name="salesPerTick">Chance (0–1) of a sale at each tick: a busy machine sells at every one.</param>
    /// <param name="failShare">Share (0–1) of commands that fail, to show failures and the command-failed alarm.</param>
    /// <param name="firstSequence">
    /// Where the sequence starts; by default the clock in milliseconds, so a restarted simulator never reports under
    /// its last run's sequence, even to a server that judges reports by their sequence alone.
    /// </param>
    public VirtualMachine(Guid deviceId, string name, IEnumerable<BinSupply> bins, Random? random = null, double salesPerTick = 0.3,
        double failShare = 0, long? firstSequence = null)
    {
        DeviceId = deviceId;
        Name = name;
        _bins = bins.ToDictionary(b => b.Bin, StringComparer.OrdinalIgnoreCase);
        _random = random ?? Random.Shared;
        SalesPerTick = salesPerTick;
        FailShare = failShare;
        Sequence = (firstSequence ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) - 1;
        Temperature = Math.Round(MinTemperature + _random.NextDouble() * (MaxTemperature - MinTemperature), 1);
        _orderPrefix = $"{name.Where(char.IsLetterOrDigit).Take(6).Aggregate("", (s, c) => s + char.ToUpperInvariant(c))}-{Guid.NewGuid():N}"[..16];
    }

    public Guid DeviceId { get; }
    public string Name { get; }
    public double SalesPerTick { get; set; }
    public double FailShare { get; set; }
    public string Firmware { get; private set; } = "2.4.1";

    /// <summary>This run of the machine, new at every start (of the simulator, or by a <c>restart</c> command).</summary>
    public string BootId { get; private set; } = NewBootId();

    /// <summary>The sequence of the last report made.</summary>
    public long Sequence { get; private set; }

    public double Temperature { get; private set; }

    /// <summary><c>idle</c>, or <c>brewing</c> right after a sale.</summary>
    public string State { get; private set; } = "idle";

    public IReadOnlyCollection<BinSupply> Bins => _bins.Values;

    public long LevelOf(string bin) => _bins.TryGetValue(bin, out var b) ? b.Level : 0;

    /// <summary>Maybe sells a drink it still has everything for, draining its bins; none when nothing is left or no guest came.</summary>
    public Sale? TrySell()
    {
        State = "idle";
        if (_random.NextDouble() >= SalesPerTick) return null;
        var possible = Drinks.Menu.Where(CanMake).ToList();
        if (possible.Count == 0) return null;
        var drink = possible[_random.Next(possible.Count)];
        foreach (var (bin, amount) in drink.Uses)
            if (_bins.TryGetValue(bin, out var b)) _bins[bin] = b with { Level = b.Level - amount };
        State = "brewing";
        return new Sale($"{_orderPrefix}-{++_orders}", drink.Name, drink.Price, PaymentMethods[_random.Next(PaymentMethods.Length)]);
    }

    /// <summary>The next status report: sequence one up, temperature a small step within range (a little warmer while brewing).</summary>
    public StatusReport NextReport()
    {
        var step = (_random.NextDouble() - 0.5) * 0.8 + (State == "brewing" ? 0.2 : -0.05);
        Temperature = Math.Round(Math.Clamp(Temperature + step, MinTemperature, MaxTemperature), 1);
        return new StatusReport(++Sequence, State, Temperature, "wifi", Firmware, [.. _bins.Values.Select(b => (b.Bin, b.Level))], BootId);
    }

    /// <summary>
    /// Carries out a command (<paramref name="kind"/> as the API names it: <c>clean</c>, <c>restart</c>, <c>update_firmware</c>...).
    /// A share of <see cref="FailShare"/> fails, as real machines sometimes do.
    /// </summary>
    public CommandOutcome Carry(string kind)
    {
        if (FailShare > 0 && _random.NextDouble() < FailShare) return new CommandOutcome(false, $"Simulated fault during {kind}");
        switch (kind)
        {
            case "clean":
                foreach (var bin in _bins.Values.ToList()) _bins[bin.Bin] = bin with { Level = bin.Capacity };
                State = "idle";
                return new CommandOutcome(true, "Cleaned; every bin refilled");
            case "restart":
                State = "idle";
                BootId = NewBootId();
                Sequence = 0;   // a rebooted controller counts again; the new boot id tells the server
                return new CommandOutcome(true, "Restarted");
            case "update_firmware":
                Firmware = "2.5.0";
                return new CommandOutcome(true, $"Firmware {Firmware} installed");
            default:
                return new CommandOutcome(true, $"Done: {kind}");
        }
    }

    private static string NewBootId() => Guid.NewGuid().ToString("N");

    private bool CanMake(Drink drink) => drink.Uses.All(u => !_bins.TryGetValue(u.Bin, out var b) || b.Level >= u.Amount);
}
