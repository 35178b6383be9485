namespace Hospitality.Domain.RemoteCommands;

/// <summary>A command as decisions and screens see it, folded from its events and kept by an inline projection.</summary>
public sealed record RemoteCommand(
    Guid Id, Guid DeviceId, string LocationId, CommandKind Kind, string? Payload, CommandStatus Status, int Attempts, int MaxAttempts,
    DateTimeOffset QueuedAt, DateTimeOffset ExpiresAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt, DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? FinishedAt, string? Result, Guid? BatchId, string QueuedBy, long Version)
{
    public bool IsFinal => Status is CommandStatus.Succeeded or CommandStatus.Failed or CommandStatus.Expired;

    /// <summary>Delivered means acknowledged by the machine (or finished by it), never merely sent.</summary>
    public bool Delivered => AcknowledgedAt is not null;

    public static RemoteCommand? Fold(RemoteCommand? command, object e, long version) => (command, e) switch
    {
        (null, CommandQueued q) => new RemoteCommand(q.CommandId, q.DeviceId, q.LocationId, q.Kind, q.Payload, CommandStatus.Queued, 0, q.MaxAttempts,
            q.At, q.ExpiresAt, q.At, null, null, null, null, q.BatchId, q.QueuedBy, version),
        (null, _) => null,
        (_, CommandSent s) => command with { Status = CommandStatus.Sent, Attempts = s.Attempt, SentAt = s.At, NextAttemptAt = null, Version = version },
        (_, CommandRetryScheduled r) => command with { Status = CommandStatus.Queued, NextAttemptAt = r.NextAttemptAt, Version = version },
        (_, CommandAcknowledged a) => command with { Status = CommandStatus.Acknowledged, AcknowledgedAt = a.At, NextAttemptAt = null, Version = version },
        (_, CommandSucceeded s) => command with { Status = CommandStatus.Succeeded, Result = s.Result, FinishedAt = s.At, NextAttemptAt = null, Version = version },
        (_, CommandFailed f) => command with { Status = CommandStatus.Failed, Result = f.Reason, FinishedAt = f.At, NextAttemptAt = null, Version = version },
        (_, CommandExpired x) => command with { Status = CommandStatus.Expired, FinishedAt = x.At, NextAttemptAt = null, Version = version },
        _ => command with { Version = version },
    };
}

/// <summary>Many machines told the same thing at once; its progress is counted from its commands.</summary>
public sealed record CommandBatch(Guid Id, CommandKind Kind, int Total, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>A batch's progress: how many of its commands are in each status.</summary>
public sealed record BatchProgress(Guid Id, CommandKind Kind, int Total, IReadOnlyDictionary<CommandStatus, int> ByStatus, DateTimeOffset CreatedAt)
{
    public int Finished => ByStatus.Where(s => s.Key is CommandStatus.Succeeded or CommandStatus.Failed or CommandStatus.Expired).Sum(s => s.Value);

    /// <summary>Finished commands as a whole percentage, for the progress bar.</summary>
    public int Percent => Total == 0 ? 100 : (int)(Finished * 100L / Total);
}
