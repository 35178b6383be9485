using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Hospitality.Tests.Infrastructure;

namespace Hospitality.Tests.Faults;

/// <summary>
/// The web app as a real OS process (<c>dotnet Hospitality.Web.dll</c>) on a fixed loopback port, sharing a test's
/// PostgreSQL schema and Redis prefix, so a test can kill it outright (SIGKILL) as a crash or a pulled plug would.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _log = [];

    private AppProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The process's console output so far, for failure messages.</summary>
    public string Log { get { lock (_log) return string.Join('\n', _log); } }

    public static async Task<AppProcess> StartAsync(HostSetup setup, int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Hospitality.Web.dll"), "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Hospitality__DemoData"] = "false",
                ["Hospitality__ServerName"] = setup.ServerName,
                ["Staff__SignInRateLimit__PermitLimit"] = "100000",
                ["ConnectionStrings__Postgres"] = TestEnvironment.Postgres,
                ["Hospitality__SchemaName"] = setup.Schema,
                ["ConnectionStrings__Redis"] = TestEnvironment.Redis,
                ["Backplane__ChannelPrefix"] = setup.RedisPrefix,
            },
        };
        var app = new AppProcess(Process.Start(start)!, port);
        app._process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        await app.WaitUntilListeningAsync(TimeSpan.FromSeconds(60));
        return app;
    }

    private void Keep(string? line)
    {
        if (line is not null) lock (_log) _log.Add(line);
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited with {_process.ExitCode}:\n{Log}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"The app did not listen on port {Port} within {timeout.TotalSeconds:F0} s:\n{Log}");
    }

    /// <summary>SIGKILL: no graceful shutdown, sockets are torn down by the kernel.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10000);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
