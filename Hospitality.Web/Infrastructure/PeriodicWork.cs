namespace Hospitality.Web.Infrastructure;

/// <summary>
/// Work every server does on a clock (the heartbeat check, the command dispatcher, the fleet sweep): each round in a
/// scope of its own, and a failed round is logged while the next one runs on time. The work keeps its state in the
/// store, never in the server, so several servers running it at once, or a restart, lose and double nothing.
/// </summary>
public abstract partial class PeriodicWork(IServiceScopeFactory scopes, ILogger logger) : BackgroundService
{
    /// <summary>Time between the starts of two rounds.</summary>
    protected abstract TimeSpan Every { get; }

    /// <summary>One round, with services from the round's scope.</summary>
    protected abstract Task RunAsync(IServiceProvider services, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RunAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(logger, e, GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A round of {Work} failed; it runs again shortly")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception, string work);
}
