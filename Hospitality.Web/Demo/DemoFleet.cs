using Hospitality.Domain.Common;
using Hospitality.Domain.Devices;
using Hospitality.Simulator;
using MediatR;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Hospitality.Web.Demo;

/// <summary>The in-process simulator of the demo tenant (<c>Simulator</c> in configuration).</summary>
public sealed class SimulatorSettings
{
    public const string Section = "Simulator";

    /// <summary>Runs the demo's machines; unset: whenever the demo data is on.</summary>
    public bool? Enabled { get; set; }

    /// <summary>How often each machine reports (and may sell).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a machine takes to carry out a command.</summary>
    public TimeSpan CompleteAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Share (0–1) of commands that fail.</summary>
    public double FailShare { get; set; }
}

/// <summary>
/// Runs the demo tenant's machines (<see cref="MachineDemo"/>) with the simulator, against this server's own API over
/// loopback, once the server listens: each gets a fresh token through the real command (tokens are shown only once, so
/// the simulator takes over the demo machines on every start). Its bins start where the machine last reported them, or
/// where the demo says. Off when the demo data is off, and in test hosts unless a test turns it on.
/// </summary>
public sealed partial class DemoFleet(IServiceScopeFactory scopes, IServer server, IHostApplicationLifetime lifetime, IConfiguration configuration,
    IOptions<SimulatorSettings> settings, ILoggerFactory logs) : BackgroundService
{
    private readonly TaskCompletionSource<Fleet> _running = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The fleet once it runs (tests silence a machine through it).</summary>
    public Task<Fleet> Running => _running.Task;

    public bool Enabled => settings.Value.Enabled ?? DemoSetup.Enabled(configuration);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => listening.TrySetResult()))
            await listening.Task.WaitAsync(stoppingToken);
        var logger = logs.CreateLogger<DemoFleet>();
        if (OwnAddress() is not { } address)
        {
            LogNoAddress(logger);
            return;
        }
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var machines = await TakeOverAsync(stoppingToken);
        var options = new SimulatorOptions
        {
            Interval = settings.Value.Interval, CompleteAfter = settings.Value.CompleteAfter, FailShare = settings.Value.FailShare,
            HubRetryAfter = TimeSpan.FromSeconds(Math.Max(5, settings.Value.Interval.TotalSeconds * 3)),
        };
        var fleet = Fleet.Create(machines, http, options, logs);
        LogRunning(logger, machines.Count, address, options.Interval.TotalSeconds);
        _running.TrySetResult(fleet);
        await fleet.RunAsync(stoppingToken);
    }

    /// <summary>Gives each demo machine a new token (the real command, as a manager replacing a token) and its starting bins.</summary>
    private async Task<IReadOnlyList<MachineCredentials>> TakeOverAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var actor = new Actor(DemoSetup.TenantId, "Demo simulator");
        var devices = await mediator.Send(new ListDevices(actor, null, null, null, null, 1, 100), ct);
        var machines = new List<MachineCredentials>();
        foreach (var device in devices.Items)
        {
            if (MachineDemo.Machines.FirstOrDefault(m => m.Name == device.Name) is not { } demo) continue;   // one a visitor registered
            var token = (await mediator.Send(new ChangeDeviceTokenRequest(actor, device.Id, Revoke: false), ct)).Token!;
            var bins = demo.Bins.Select(b => new BinSupply(b.Bin, device.Bins.FirstOrDefault(r => r.Bin == b.Bin)?.Level ?? b.StartLevel, b.Capacity));
            machines.Add(new MachineCredentials(device.Id, token, device.Name, [.. bins], demo.SalesPerTick));
        }
        return machines;
    }

    /// <summary>This server's own address, plain HTTP preferred; a wildcard host becomes loopback.</summary>
    private Uri? OwnAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault();
        if (chosen is null) return null;
        var wildcard = chosen.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1");
        return Uri.TryCreate(wildcard.TrimEnd('/') + "/", UriKind.Absolute, out var uri) ? uri : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The demo simulator runs {Count} machines against {Address} every {Seconds} s")]
    private static partial void LogRunning(ILogger logger, int count, Uri address, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The demo simulator is not started: this server listens on no address")]
    private static partial void LogNoAddress(ILogger logger);
}
