using System.Net;
using Microsoft.Extensions.Logging;

namespace Hospitality.Simulator;

/// <summary>What a fleet did, counted across its machines (read at the end of a run, or live by a test).</summary>
public sealed class FleetCounters
{
    private long _reports, _sales, _succeeded, _failed, _backOffs, _refused;
    public long Reports => Interlocked.Read(ref _reports);
    public long Sales => Interlocked.Read(ref _sales);
    public long CommandsSucceeded => Interlocked.Read(ref _succeeded);
    public long CommandsFailed => Interlocked.Read(ref _failed);
    public long BackOffs => Interlocked.Read(ref _backOffs);
    public long Refused => Interlocked.Read(ref _refused);
    internal void Reported() => Interlocked.Increment(ref _reports);
    internal void Sold() => Interlocked.Increment(ref _sales);
    internal void Finished(bool success)
    {
        if (success) Interlocked.Increment(ref _succeeded);
        else Interlocked.Increment(ref _failed);
    }
    internal void BackedOff() => Interlocked.Increment(ref _backOffs);
    internal void WasRefused() => Interlocked.Increment(ref _refused);

    public override string ToString() =>
        $"{Reports} reports, {Sales} sales, {CommandsSucceeded} commands succeeded, {CommandsFailed} failed, {BackOffs} back-offs, {Refused} refused calls";
}

/// <summary>
/// Puts one <see cref="VirtualMachine"/> on the network: a status report (after a sale, sometimes) every interval, and
/// its commands taken from the hub when pushed (or polled over HTTP while the hub is unreachable), acknowledged at once
/// and completed after <see cref="SimulatorOptions.CompleteAfter"/>. It can be told to go silent, as an unplugged
/// machine is, and to come back.
/// </summary>
public sealed partial class MachineDriver(VirtualMachine machine, MachineApi api, Uri server, string token, WebSocketConnector? connect,
    SimulatorOptions options, FleetCounters counters, ILogger logger, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;
    private readonly object _gate = new();
    private CancellationTokenSource _awake = new();
    private TaskCompletionSource _speaking = Speaking();
    private DateTimeOffset? _silentUntil;
    private volatile DeviceHubConnection? _hub;
    private DateTimeOffset _hubRetryAt = DateTimeOffset.MinValue;

    public VirtualMachine Machine => machine;

    public bool Silent { get { lock (_gate) return !_speaking.Task.IsCompleted; } }

    /// <summary>Stops reporting and taking commands (as if unplugged); back by itself after <paramref name="duration"/>, if given.</summary>
    public void GoSilent(TimeSpan? duration = null)
    {
        lock (_gate)
        {
            _silentUntil = duration is { } d ? DateTimeOffset.UtcNow + d : null;
            if (!_speaking.Task.IsCompleted) return;
            _speaking = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _awake.Cancel();
        }
        LogSilent(logger, machine.Name);
    }

    public void ComeBack()
    {
        lock (_gate)
        {
            if (_speaking.Task.IsCompleted) return;
            _awake.Dispose();
            _awake = new CancellationTokenSource();
            _speaking.TrySetResult();
        }
        LogBack(logger, machine.Name);
    }

    public async Task RunAsync(CancellationToken ct)
    {
        api.BackingOff = (status, wait) =>
        {
            counters.BackedOff();
            LogBackingOff(logger, machine.Name, status is { } s ? (int)s : 0, wait.TotalSeconds);
        };
        var commands = Task.Run(() => CommandsAsync(ct), CancellationToken.None);
        try
        {
            // Spread a fleet's reports over the interval instead of all at once.
            await Task.Delay(options.Interval * _random.NextDouble() * 0.5, ct);
            await TickAsync(ct);
            using var timer = new PeriodicTimer(options.Interval);
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (Silent)
                {
                    if (SilenceOver()) ComeBack(); else continue;
                }
                else if (_random.NextDouble() < options.SilenceChancePerTick)
                {
                    GoSilent(options.SilentFor);
                    continue;
                }
                await TickAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        await commands;
    }

    private bool SilenceOver() { lock (_gate) return _silentUntil is { } until && DateTimeOffset.UtcNow >= until; }

    private CancellationTokenSource WhileSpeaking(CancellationToken ct) { lock (_gate) return CancellationTokenSource.CreateLinkedTokenSource(ct, _awake.Token); }

    private async Task TickAsync(CancellationToken ct)
    {
        using var speaking = WhileSpeaking(ct);
        try
        {
            Sale? sale;
            lock (machine) sale = machine.TrySell();
            if (sale is not null)
            {
                await api.SellAsync(sale, speaking.Token);
                counters.Sold();
            }
            StatusReport report;
            lock (machine) report = machine.NextReport();
            await api.ReportAsync(report, speaking.Token);
            counters.Reported();
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }   // went silent meanwhile
        catch (ApiRefused e)
        {
            counters.WasRefused();
            LogRefused(logger, machine.Name, (int)e.Status, e.Message);
        }
    }

    private async Task CommandsAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                Task speaking;
                lock (_gate) speaking = _speaking.Task;
                await speaking.WaitAsync(ct);
                using var awake = WhileSpeaking(ct);
                if (options.UseHub && connect is not null && DateTimeOffset.UtcNow >= _hubRetryAt)
                    await OnHubAsync(connect, awake.Token);
                else
                {
                    await HandleAsync(await api.TakeCommandsAsync(awake.Token), awake.Token);
                    await Task.Delay(options.Interval, awake.Token);
                }
            }
            catch (OperationCanceledException) { }   // silent, or stopping: the loop decides
            catch (ApiRefused e)
            {
                counters.WasRefused();
                LogRefused(logger, machine.Name, (int)e.Status, e.Message);
            }
            catch (Exception e)
            {
                _hubRetryAt = DateTimeOffset.UtcNow + options.HubRetryAfter;
                LogHubDown(logger, machine.Name, options.HubRetryAfter.TotalSeconds, e.Message);
            }
        }
    }

    /// <summary>Takes commands at connection and on every <c>CommandsDue</c>, until the connection or the machine goes.</summary>
    private async Task OnHubAsync(WebSocketConnector connector, CancellationToken ct)
    {
        var due = new SemaphoreSlim(1);   // one take right away: commands may have queued while away
        await using var hub = await DeviceHubConnection.ConnectAsync(connector, server, token, () => due.Release(), ct);
        _hub = hub;
        try
        {
            while (true)
            {
                var signalled = due.WaitAsync(options.TakeAtLeastEvery, ct);
                if (await Task.WhenAny(signalled, hub.Closed) == hub.Closed) throw new IOException("The hub connection closed.");
                await signalled;
                while (due.CurrentCount > 0) await due.WaitAsync(ct);   // several pushes: one take covers them
                await HandleAsync(await hub.TakeCommandsAsync(ct), ct);
            }
        }
        finally
        {
            _hub = null;
        }
    }

    private async Task HandleAsync(IReadOnlyList<DueCommand> commands, CancellationToken ct)
    {
        foreach (var command in commands)
        {
            if (_hub is { } hub) await hub.AcknowledgeAsync(command.Id, ct);
            else await api.AcknowledgeAsync(command.Id, ct);
            LogAcknowledged(logger, machine.Name, command.Kind);
            _ = Task.Run(() => CompleteLaterAsync(command, ct), CancellationToken.None);
        }
    }

    private async Task CompleteLaterAsync(DueCommand command, CancellationToken ct)
    {
        try
        {
            await Task.Delay(options.CompleteAfter, ct);
            CommandOutcome outcome;
            lock (machine) outcome = machine.Carry(command.Kind);
            try
            {
                if (_hub is not { } hub) throw new IOException("No hub connection.");
                await hub.CompleteAsync(command.Id, outcome, ct);
            }
            catch (Exception e) when (e is not (OperationCanceledException or ApiRefused))
            {
                await api.CompleteAsync(command.Id, outcome, ct);
            }
            counters.Finished(outcome.Success);
            LogCompleted(logger, machine.Name, command.Kind, outcome.Success, outcome.Message);
        }
        catch (OperationCanceledException) { }
        catch (ApiRefused e)
        {
            counters.WasRefused();
            LogRefused(logger, machine.Name, (int)e.Status, e.Message);
        }
    }

    private static TaskCompletionSource Speaking()
    {
        var speaking = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        speaking.SetResult();
        return speaking;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Machine} goes silent (as if unplugged)")]
    private static partial void LogSilent(ILogger logger, string machine);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Machine} is back")]
    private static partial void LogBack(ILogger logger, string machine);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Machine}: the server answered {Status}; waiting {Seconds:0.#} s before trying again")]
    private static partial void LogBackingOff(ILogger logger, string machine, int status, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Machine}: the server refused a call ({Status}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string machine, int status, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Machine}: commands hub unavailable ({Reason}); polling over HTTP, hub again in {Seconds} s")]
    private static partial void LogHubDown(ILogger logger, string machine, double seconds, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Machine} acknowledged {Kind}")]
    private static partial void LogAcknowledged(ILogger logger, string machine, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Machine} completed {Kind}: success {Success}, {Result}")]
    private static partial void LogCompleted(ILogger logger, string machine, string kind, bool success, string result);
}
