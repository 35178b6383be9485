namespace Hospitality.Domain.RemoteCommands;

// A remote command to one machine (seed 002's RemoteCommand): one event stream per command, each step of its life an
// event. "Sent" never means delivered: only the machine's acknowledgement does.

/// <summary>What a machine can be told to do.</summary>
public enum CommandKind { Restart, Clean, BrewTest, Lock, Unlock, SetTemperature, UpdateFirmware, SyncRecipes }

/// <summary>Where a command is in its life. Succeeded, Failed and Expired are final.</summary>
public enum CommandStatus { Queued, Sent, Acknowledged, Succeeded, Failed, Expired }

/// <summary>Staff queued a command; it may be tried <paramref name="MaxAttempts"/> times until <paramref name="ExpiresAt"/>.</summary>
public sealed record CommandQueued(
    Guid CommandId, Guid DeviceId, string LocationId, CommandKind Kind, string? Payload, int MaxAttempts, DateTimeOffset ExpiresAt, Guid? BatchId,
    string QueuedBy, DateTimeOffset At);

/// <summary>The command went out (attempt <paramref name="Attempt"/>), by the machine's poll or over its hub connection.</summary>
public sealed record CommandSent(Guid CommandId, int Attempt, string Via, DateTimeOffset At);

/// <summary>No acknowledgement came in time: the command waits, and goes out again at <paramref name="NextAttemptAt"/>.</summary>
public sealed record CommandRetryScheduled(Guid CommandId, int Attempt, DateTimeOffset NextAttemptAt, DateTimeOffset At);

/// <summary>The machine confirmed it has the command: from now on, and only now, it is delivered.</summary>
public sealed record CommandAcknowledged(Guid CommandId, DateTimeOffset At);

public sealed record CommandSucceeded(Guid CommandId, string? Result, DateTimeOffset At);

/// <param name="ByMachine">The machine reported the failure; otherwise the platform gave up (no acknowledgement).</param>
public sealed record CommandFailed(Guid CommandId, string Reason, bool ByMachine, DateTimeOffset At);

/// <summary>The command was not delivered before it expired; it will not be sent again.</summary>
public sealed record CommandExpired(Guid CommandId, DateTimeOffset At);
