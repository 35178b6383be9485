namespace Hospitality.Domain.Common;

/// <summary>
/// The pause before deciding again after losing a commit to someone else's. Jittered and growing, so writers of one
/// stream that collided (phones of one busy room, servers raising one alarm) do not collide again in step.
/// </summary>
public static class CommitRetry
{
    /// <summary>Waits between 5 and 20 ms times the attempt that just lost.</summary>
    public static Task PauseAsync(int attempt, CancellationToken ct) =>
        Task.Delay(Random.Shared.Next(attempt * 5, attempt * 20), ct);
}
