using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Hospitality.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hospitality.Tests.Faults;

/// <summary>
/// The real app for fault tests: optionally on a private Redis the test may kill, optionally on a fixed Kestrel
/// port (so a "restarted" server comes back where the browser expects it), recording the event ids it logs and
/// the life of its Blazor circuits.
/// </summary>
public sealed class FaultHost(HostSetup setup, string? redis = null) : HospitalityHost(setup)
{
    public LogRecorder Logs { get; } = new();
    public CircuitRecorder Circuits { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (redis is not null) builder.UseSetting("ConnectionStrings:Redis", redis);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services => services.AddSingleton<CircuitHandler>(Circuits));
    }

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/>; returns the base address.</summary>
    public string StartOnKestrel(int port)
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        StartServer();
        return $"http://127.0.0.1:{port}";
    }

    public static int SparePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>Every (level, event id, category) the host logged, so a test can tell a failure was logged, not thrown.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, int EventId, string Category)> _entries = new();

    public bool Logged(int eventId, LogLevel atLeast = LogLevel.Warning) =>
        _entries.Any(e => e.EventId == eventId && e.Level >= atLeast);

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose() { }

    private sealed class Recorder(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue((logLevel, eventId.Id, category));
    }
}

/// <summary>What happened to this server's Blazor circuits, by circuit id, in order.</summary>
public sealed class CircuitRecorder : CircuitHandler
{
    private readonly ConcurrentQueue<(string CircuitId, string What)> _events = new();

    public IReadOnlyList<string> Opened => [.. _events.Where(e => e.What == "opened").Select(e => e.CircuitId)];

    public int Count(string circuitId, string what) => _events.Count(e => e == (circuitId, what));

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken ct) => Record(circuit, "opened");
    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken ct) => Record(circuit, "up");
    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken ct) => Record(circuit, "down");
    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken ct) => Record(circuit, "closed");

    private Task Record(Circuit circuit, string what)
    {
        _events.Enqueue((circuit.Id, what));
        return Task.CompletedTask;
    }
}

public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not within {timeout.TotalSeconds:F0} s: {what}");
            await Task.Delay(100);
        }
    }

    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, what);
}
