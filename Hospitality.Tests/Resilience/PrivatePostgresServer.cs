using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Hospitality.Tests.Resilience;

/// <summary>
/// A PostgreSQL 15 of the test's own (initdb + pg_ctl, as .ci/services.sh starts the shared one) on a spare
/// loopback port, which the test may crash and restart without disturbing the server other tests use.
/// </summary>
public sealed class PrivatePostgresServer : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private static readonly bool AsRoot = Environment.UserName == "root";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hospitality-pg-" + Guid.NewGuid().ToString("N")[..12]);

    private PrivatePostgresServer(int port) => Port = port;

    public int Port { get; }

    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=40;Timeout=5;Command Timeout=15";

    public static async Task<PrivatePostgresServer> StartAsync()
    {
        if (!File.Exists($"{Bin}/initdb"))
            throw new InvalidOperationException($"{Bin}/initdb is missing: run `.ci/services.sh up`, which installs postgresql-15.");
        var server = new PrivatePostgresServer(SparePort());
        Directory.CreateDirectory(server._folder);
        if (AsRoot) await RunAsync("chown", "postgres:postgres", server._folder);
        await server.AsPostgresAsync("initdb", "-D", server.Data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync");
        await server.RestartAsync();
        return server;
    }

    private string Data => Path.Combine(_folder, "pg");

    /// <summary>Starts the server (again, on the same port and data) and returns once it accepts connections.</summary>
    public Task RestartAsync() => AsPostgresAsync("pg_ctl", "-D", Data, "-l", Path.Combine(_folder, "pg.log"), "-s", "-w", "-t", "30",
        // fsync off: a killed server process loses nothing the OS already has; a power cut is not what this simulates.
        "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c max_connections=100 -c fsync=off -c full_page_writes=off",
        "start");

    /// <summary>Stops the server the way a crash does: no checkpoint, open transactions cut, recovery on the next start.</summary>
    public Task KillAsync() => AsPostgresAsync("pg_ctl", "-D", Data, "-s", "-m", "immediate", "-w", "stop");

    private Task AsPostgresAsync(string program, params string[] arguments) =>
        AsRoot ? RunAsync("runuser", ["-u", "postgres", "--", $"{Bin}/{program}", .. arguments]) : RunAsync($"{Bin}/{program}", arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        // pg_ctl's server keeps stdout inherited; only stderr is read, and only until the command exits.
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {await error}");
    }

    private static int SparePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        try { await KillAsync(); } catch (InvalidOperationException) { }
        Directory.Delete(_folder, recursive: true);
    }
}
