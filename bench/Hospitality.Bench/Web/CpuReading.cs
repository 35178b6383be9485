using System.Globalization;

namespace Hospitality.Bench.Web;

/// <summary>
/// CPU seconds used so far by each web server, the load generator, the bench's PostgreSQL and Redis, and the whole
/// machine. Two readings give the cores each used in between, and what the rest of the machine (other people's builds
/// and tests on a shared box) took, so a figure says whether it was measured on a quiet machine.
/// </summary>
public sealed record CpuReading(double[] Servers, double Bench, double Postgres, double Redis, double Machine)
{
    public double[] ServerCores(CpuReading before, double seconds) => [.. Servers.Zip(before.Servers, (now, then) => (now - then) / seconds)];

    /// <summary>One sentence: who used how many of the machine's cores between <paramref name="before"/> and this reading.</summary>
    public string Describe(CpuReading before, double seconds)
    {
        double Cores(double now, double then) => (now - then) / seconds;
        var servers = ServerCores(before, seconds);
        var (bench, postgres, redis) = (Cores(Bench, before.Bench), Cores(Postgres, before.Postgres), Cores(Redis, before.Redis));
        var machine = Cores(Machine, before.Machine);
        var others = Math.Max(0, machine - servers.Sum() - bench - postgres - redis);
        return $"Of the machine's {Environment.ProcessorCount} cores over the window, the servers used {string.Join(" + ", servers.Select(c => Fmt.F(c)))}, " +
               $"PostgreSQL {Fmt.F(postgres)}, Redis {Fmt.F(redis)}, the load generator {Fmt.F(bench)}, and everything else on the machine " +
               $"{Fmt.F(others)} (machine busy {Fmt.F(machine)}).";
    }
}

/// <summary>CPU time from /proc, in seconds (clock ticks of 1/100 s).</summary>
public static class ProcCpu
{
    /// <summary>
    /// User + system time of <paramref name="pid"/>; with <paramref name="children"/>, also what its children used: the
    /// ones it has reaped (cutime, cstime) and the live ones, so a PostgreSQL postmaster counts all its backends.
    /// </summary>
    public static double Seconds(int pid, bool children = false)
    {
        var own = Fields(pid);
        if (own is null) return 0;
        var ticks = Ticks(own, 11) + Ticks(own, 12);
        if (children)
        {
            ticks += Ticks(own, 13) + Ticks(own, 14);
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var child) || Fields(child) is not { } f || Ticks(f, 1) != pid) continue;
                ticks += Ticks(f, 11) + Ticks(f, 12);
            }
        }
        return ticks / 100.0;
    }

    /// <summary>The parent of <paramref name="pid"/>.</summary>
    public static int Parent(int pid) => (int)Ticks(Fields(pid) ?? throw new InvalidOperationException($"No process {pid}."), 1);

    /// <summary>Busy time of all cores together (everything but idle and iowait), from /proc/stat.</summary>
    public static double MachineSeconds()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var all = cpu.Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return (all.Sum() - all[3] - all[4]) / 100.0;
    }

    // Fields after the command: state is [0], ppid [1], utime [11], stime [12], cutime [13], cstime [14].
    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private static long Ticks(string[] fields, int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
}
