using System.Diagnostics;
using Hospitality.Bench;
using Hospitality.Bench.Store;
using Hospitality.Bench.Web;

// bench/run.sh passes the service addresses; see bench/README.md. Usage:
//   Hospitality.Bench --postgres CS --postgres-durable CS --redis HOST:PORT --web-dll PATH [--quick] [--only a,b] [--out FILE]
//   [--groups N] [--machines N] [--rooms N] [--board-cards N] [--rebuild-batch N] [--workstation-gc] [--note TEXT]
var options = BenchOptions.Parse(args);
var started = DateTimeOffset.UtcNow;
var clock = Stopwatch.StartNew();
var machine = Machine.Describe();
Console.WriteLine($"machine: {machine}");
Console.WriteLine($"mode: {(options.Quick ? "quick" : "full")}, benchmarks: {string.Join(", ", options.Selected)}");

var figures = new List<Figure>();
var notes = new List<string>();
foreach (var name in options.Selected)
{
    Console.WriteLine($"== {name}");
    var watch = Stopwatch.StartNew();
    try
    {
        var produced = name switch
        {
            "append" => await AppendBenchmark.RunAsync(options),
            "durable" => await DurableAppendBenchmark.RunAsync(options),
            "rebuild" => await RebuildBenchmark.RunAsync(options),
            "http" => await HttpBenchmark.RunAsync(options),
            "hubs" => await FanOutBenchmark.RunAsync(options),
            "circuits" => await CircuitBenchmark.RunAsync(options),
            "fleet" => await FleetBenchmark.RunAsync(options),
            "rooms" => await RoomsBenchmark.RunAsync(options),
            _ => throw new ArgumentException($"Unknown benchmark '{name}'. Use: {string.Join(", ", BenchOptions.All)}."),
        };
        figures.AddRange(produced.Figures);
        notes.AddRange(produced.Notes);
        foreach (var f in produced.Figures) Console.WriteLine($"   {f.Name}: {f.Value} {f.Latency} (target {f.Target}: {f.Met}) {f.Ratio}");
    }
    catch (Exception e)
    {
        Console.Error.WriteLine($"   {name} failed: {e}");
        figures.Add(new Figure(name, "failed", "", "", "**no**", "", $"The benchmark failed: {e.GetType().Name}: {e.Message}"));
    }
    Console.WriteLine($"   ({watch.Elapsed.TotalSeconds:0.0} s)");
}

var mode = (options.Quick ? "quick (`--quick`: short runs, smaller counts)" : "full") +
           (options.Only is null ? "" : $", only {string.Join(", ", options.Selected)}") +
           (options.WorkstationGc ? "; web servers with workstation GC (DOTNET_gcServer=0)" : "") +
           (options.Note is { } note ? $"; {note}" : "");
var markdown = ResultsFile.Markdown(figures, notes, mode, machine, started, clock.Elapsed);
await File.WriteAllTextAsync(options.OutFile, markdown);
Console.WriteLine(markdown);
Console.WriteLine($"written to {options.OutFile}");
return 0;

namespace Hospitality.Bench
{
    public sealed record BenchResult(IReadOnlyList<Figure> Figures, IReadOnlyList<string> Notes)
    {
        public static BenchResult Of(params Figure[] figures) => new(figures, []);
    }

    public sealed class BenchOptions
    {
        public static readonly string[] All = ["append", "durable", "rebuild", "http", "hubs", "circuits", "fleet", "rooms"];

        public bool Quick { get; private set; }
        public string[]? Only { get; private set; }
        public string Postgres { get; private set; } = "Host=127.0.0.1;Port=5450;Username=postgres;Database=hospitality";
        public string PostgresDurable { get; private set; } = "Host=127.0.0.1;Port=5451;Username=postgres;Database=hospitality";
        public string Redis { get; private set; } = "127.0.0.1:6400";
        public string? WebDll { get; private set; }
        public string OutFile { get; private set; } = "RESULTS.md";
        public string? Note { get; private set; }
        /// <summary>Fan-out: how many location groups (1,000 in the issue).</summary>
        public int? Groups { get; private set; }
        /// <summary>Web servers with workstation GC (DOTNET_gcServer=0) instead of the ASP.NET Core default, server GC.</summary>
        public bool WorkstationGc { get; private set; }
        /// <summary>Circuits: live sessions on the board (30 unless given).</summary>
        public int BoardCards { get; private set; } = 30;
        /// <summary>Fleet: how many coffee machines report (300, quick 100, unless given).</summary>
        public int? Machines { get; private set; }
        /// <summary>Rooms: how many group-order rooms of 4 phones (100, quick 20, unless given).</summary>
        public int? Rooms { get; private set; }
        /// <summary>Rebuild: the daemon's batch size (its default when not given).</summary>
        public int? RebuildBatch { get; private set; }
        public IEnumerable<string> Selected => Only ?? All;

        /// <summary>Picks the full or the quick value.</summary>
        public T Pick<T>(T full, T quick) => Quick ? quick : full;

        public static BenchOptions Parse(string[] args)
        {
            var o = new BenchOptions();
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--quick": o.Quick = true; break;
                    case "--only": o.Only = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                    case "--postgres": o.Postgres = Next(); break;
                    case "--postgres-durable": o.PostgresDurable = Next(); break;
                    case "--redis": o.Redis = Next(); break;
                    case "--web-dll": o.WebDll = Next(); break;
                    case "--out": o.OutFile = Next(); break;
                    case "--note": o.Note = Next(); break;
                    case "--groups": o.Groups = int.Parse(Next()); break;
                    case "--workstation-gc": o.WorkstationGc = true; break;
                    case "--board-cards": o.BoardCards = int.Parse(Next()); break;
                    case "--rebuild-batch": o.RebuildBatch = int.Parse(Next()); break;
                    case "--machines": o.Machines = int.Parse(Next()); break;
                    case "--rooms": o.Rooms = int.Parse(Next()); break;
                    default: throw new ArgumentException($"Unknown argument {args[i]}");
                }
            }
            if (o.Only?.FirstOrDefault(n => !All.Contains(n)) is { } unknown)
                throw new ArgumentException($"Unknown benchmark '{unknown}'. Use: {string.Join(", ", All)}.");
            return o;
        }
    }
}
