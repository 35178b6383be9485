using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Hospitality.Simulator;

/// <summary>The command line, parsed: where to connect, which machines (a tokens file, or register some as a manager) and how they behave.</summary>
public sealed record SimulatorArguments(Uri Url, string? TokensFile, int Machines, string? ManagerEmail, string? Password, string? LocationId,
    string? SaveTokens, TimeSpan? Duration, double SalesPerTick, SimulatorOptions Options)
{
    public const string Usage = """
        Runs virtual coffee machines against a Hospitality server.

          dotnet run --project tools/Hospitality.Simulator -- --url http://localhost:5000 --tokens-file machines.json
          dotnet run --project tools/Hospitality.Simulator -- --url http://localhost:5000 --machines 20 \
              --manager-email manager@demo.hospitality.test --password refill-the-coals [--save-tokens machines.json]

        --url URL               the server (default http://localhost:5000)
        --tokens-file FILE      machines to run: [{ "deviceId", "token", "name" }, ...]
        --machines N            register N machines as a manager (with --manager-email, --password, optional --location)
        --save-tokens FILE      write the registered machines' tokens, for --tokens-file next time
        --interval SECONDS      status report interval per machine (default 10)
        --duration SECONDS      stop after this long (default: until Ctrl+C)
        --offline-share 0..1    share of the fleet silent (offline) at any moment (default 0)
        --silent-for SECONDS    how long a silence lasts (default 180)
        --fail-share 0..1       share of commands that fail (default 0)
        --sales-per-tick 0..1   chance of a sale at each report (default 0.3)
        --complete-after SECONDS  time to carry out a command (default 2)
        --poll                  take commands by polling HTTP instead of the hub
        """;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with a readable message.</summary>
    public static SimulatorArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var flags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected '{name}'.");
            if (name is "--poll" or "--help") { flags.Add(name); continue; }
            if (i + 1 >= args.Count) throw new ArgumentException($"{name} needs a value.");
            values[name] = args[++i];
        }
        if (flags.Contains("--help")) throw new ArgumentException("");
        string? Text(string name) => values.GetValueOrDefault(name);
        double Number(string name, double fallback, double min, double max)
        {
            if (Text(name) is not { } text) return fallback;
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                ? n : throw new ArgumentException($"{name} must be a number from {min} to {max}.");
        }
        var url = Text("--url") ?? "http://localhost:5000";
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var server)) throw new ArgumentException($"--url {url} is not an address.");
        var machines = (int)Number("--machines", 0, 0, 10_000);
        if (Text("--tokens-file") is null && (machines == 0 || Text("--manager-email") is null || Text("--password") is null))
            throw new ArgumentException("Give --tokens-file, or --machines with --manager-email and --password.");
        var options = new SimulatorOptions
        {
            Interval = TimeSpan.FromSeconds(Number("--interval", 10, 0.2, 3600)),
            OfflineShare = Number("--offline-share", 0, 0, 1),
            SilentFor = TimeSpan.FromSeconds(Number("--silent-for", 180, 1, 86_400)),
            FailShare = Number("--fail-share", 0, 0, 1),
            CompleteAfter = TimeSpan.FromSeconds(Number("--complete-after", 2, 0, 3600)),
            UseHub = !flags.Contains("--poll"),
        };
        var duration = Text("--duration") is null ? (TimeSpan?)null : TimeSpan.FromSeconds(Number("--duration", 0, 1, 31_536_000));
        return new SimulatorArguments(server, Text("--tokens-file"), machines, Text("--manager-email"), Text("--password"), Text("--location"),
            Text("--save-tokens"), duration, Number("--sales-per-tick", 0.3, 0, 1), options);
    }
}

/// <summary><c>dotnet run --project tools/Hospitality.Simulator -- ...</c>: runs the fleet until Ctrl+C (or <c>--duration</c>), then prints what it did.</summary>
public static class SimulatorCommand
{
    public static async Task<int> Main(string[] args)
    {
        SimulatorArguments arguments;
        try
        {
            arguments = SimulatorArguments.Parse(args);
        }
        catch (ArgumentException e)
        {
            if (e.Message.Length > 0) Console.Error.WriteLine(e.Message + Environment.NewLine);
            Console.Error.WriteLine(SimulatorArguments.Usage);
            return e.Message.Length > 0 ? 2 : 0;
        }
        using var stop = new CancellationTokenSource();
        // Ctrl+C (SIGINT) and SIGTERM stop the fleet cleanly: machines end their current call and Main prints the summary.
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        if (arguments.Duration is { } duration) stop.CancelAfter(duration);

        using var logs = LoggerFactory.Create(b => b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; }));
        using var http = new HttpClient { BaseAddress = arguments.Url, Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            var machines = arguments.TokensFile is { } file
                ? await MachineCredentials.ReadAsync(file, stop.Token)
                : await FleetRegistration.RegisterAsync(arguments.Url, arguments.ManagerEmail!, arguments.Password!, arguments.Machines,
                    arguments.LocationId, "Simulated", stop.Token);
            if (arguments.SaveTokens is { } save) await MachineCredentials.WriteAsync(save, machines, stop.Token);
            var fleet = Fleet.Create(machines, http, arguments.Options, logs, salesPerTick: arguments.SalesPerTick);
            Console.WriteLine($"Running {machines.Count} machines against {arguments.Url} every {arguments.Options.Interval.TotalSeconds:0.#} s. Ctrl+C stops.");
            await fleet.RunAsync(stop.Token);
            Console.WriteLine($"Stopped: {fleet.Counters}.");
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.WriteLine("Stopped before the fleet started.");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or ApiRefused or HttpRequestException or IOException or System.Text.Json.JsonException)
        {
            Console.Error.WriteLine($"The simulator could not start: {e.Message}");
            return 1;
        }
    }
}
