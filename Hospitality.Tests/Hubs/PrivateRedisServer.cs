using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Hospitality.Tests.Hubs;

/// <summary>
/// A redis-server of the test's own, on a spare loopback port, that the test may kill and restart without
/// disturbing the shared test Redis other tests use.
/// </summary>
public sealed class PrivateRedisServer : IAsyncDisposable
{
    private const string RedisServerPath = "/usr/bin/redis-server";
    private Process? _process;

    private PrivateRedisServer(int port) => Port = port;

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<PrivateRedisServer> StartAsync()
    {
        var server = new PrivateRedisServer(SparePort());
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts the server (again, on the same port) and returns once it accepts connections.</summary>
    public async Task RestartAsync()
    {
        if (!File.Exists(RedisServerPath))
        {
            throw new InvalidOperationException($"{RedisServerPath} is missing: run `.ci/services.sh up`, which installs redis-server.");
        }

        var start = new ProcessStartInfo(RedisServerPath)
        {
            ArgumentList = { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start)!;
        _process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"redis-server did not listen on port {Port} within 5 s.");
    }

    /// <summary>Kills the server outright (no graceful shutdown), as a crash or a network cut would look.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            process.WaitForExit(5000);
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>
    /// Stops the server without closing its sockets (SIGSTOP): connections stay open and nothing answers, as a
    /// network partition without resets would look. <see cref="Thaw"/> lets it carry on.
    /// </summary>
    public bool IsRunning => _process is { HasExited: false };

    public void Freeze() => Signal("STOP");

    public void Thaw() => Signal("CONT");

    private void Signal(string signal)
    {
        if (_process is not { HasExited: false } process) throw new InvalidOperationException("redis-server is not running.");
        using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString()]);
        kill.WaitForExit(5000);
    }

    private static int SparePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }
}
