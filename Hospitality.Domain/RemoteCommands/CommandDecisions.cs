using System.Text.Json;

namespace Hospitality.Domain.RemoteCommands;

/// <summary>How long the platform waits and how it retries (<c>RemoteCommands</c> in configuration).</summary>
public sealed class CommandTiming
{
    public const string Section = "RemoteCommands";

    /// <summary>How long a sent command waits for the machine's acknowledgement before it is sent again.</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first wait before a retry; each further retry waits twice as long, up to <see cref="RetryCap"/>.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetryCap { get; set; } = TimeSpan.FromMinutes(5);

    public int DefaultMaxAttempts { get; set; } = 5;

    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often each server looks for commands to send, retry, fail or expire.</summary>
    public TimeSpan DispatchEvery { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(RetryCap.Ticks, RetryBase.Ticks * (1L << Math.Clamp(attempt - 1, 0, 20))));
}

public abstract record CommandStep(DateTimeOffset At);
public sealed record Queue(Guid CommandId, Guid DeviceId, string LocationId, CommandKind Kind, string? Payload, int MaxAttempts, DateTimeOffset ExpiresAt,
    Guid? BatchId, string By, DateTimeOffset At) : CommandStep(At);
public sealed record Send(string Via, DateTimeOffset At) : CommandStep(At);
public sealed record Acknowledge(DateTimeOffset At) : CommandStep(At);
public sealed record Complete(bool Success, string? Message, DateTimeOffset At) : CommandStep(At);

/// <summary>The platform's clock tick for one command: retry, give up or expire as its time says.</summary>
public sealed record Tick(CommandTiming Timing, DateTimeOffset At) : CommandStep(At);

/// <summary>Pure decisions about a command's life, refusing in sentences an operator or a firmware developer can read.</summary>
public static class CommandDecisions
{
    public const int MaxPayloadLength = 4096, MaxRecipesPayloadLength = 64 * 1024, MaxResultLength = 500, MaxAttemptsLimit = 20;

    /// <summary>How large a payload may be: a recipe sync carries a whole recipe package, other commands a few parameters.</summary>
    public static int PayloadLimit(CommandKind kind) => kind == CommandKind.SyncRecipes ? MaxRecipesPayloadLength : MaxPayloadLength;
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(7);

    public static object[] Decide(RemoteCommand? command, CommandStep step)
    {
        if (step is Queue q)
        {
            if (command is not null) throw DomainException.Conflict("That command was queued already.");
            if (q.MaxAttempts is < 1 or > MaxAttemptsLimit) throw DomainException.Invalid($"'max_attempts' must be between 1 and {MaxAttemptsLimit}.");
            if (q.ExpiresAt <= q.At || q.ExpiresAt - q.At > MaxLifetime)
                throw DomainException.Invalid($"A command lives from a moment to {MaxLifetime.TotalDays:0} days.");
            return [new CommandQueued(q.CommandId, q.DeviceId, q.LocationId, q.Kind, Payload(q.Kind, q.Payload), q.MaxAttempts, q.ExpiresAt, q.BatchId, q.By, q.At)];
        }

        if (command is null) throw DomainException.NotFound("No such command.");
        return step switch
        {
            Send s when command.Status == CommandStatus.Queued && s.At >= (command.NextAttemptAt ?? command.QueuedAt) && s.At < command.ExpiresAt
                && command.Attempts < command.MaxAttempts => [new CommandSent(command.Id, command.Attempts + 1, s.Via, s.At)],
            Send => [],
            // The machine has it: from a sent command, or from one waiting for a retry whose earlier send did arrive.
            Acknowledge a when command.Status is CommandStatus.Sent or CommandStatus.Queued && command.Attempts > 0 => [new CommandAcknowledged(command.Id, a.At)],
            Acknowledge when command.Status is CommandStatus.Acknowledged or CommandStatus.Succeeded || command.Status == CommandStatus.Failed && command.Delivered => [],
            Acknowledge => throw DomainException.Conflict($"This command is {Describe(command.Status)}: do not run it."),
            Complete c => Finish(command, c),
            Tick t => TickOf(command, t),
            _ => throw new ArgumentOutOfRangeException(nameof(step), step.GetType().Name, "Unknown command step."),
        };
    }

    private static object[] Finish(RemoteCommand command, Complete c)
    {
        var message = c.Message?.Trim();
        if (message?.Length > MaxResultLength) throw DomainException.Invalid($"A result message can be at most {MaxResultLength} characters.");
        if (command.IsFinal)
        {
            var same = c.Success ? command.Status == CommandStatus.Succeeded : command.Status == CommandStatus.Failed && command.Delivered;
            return same ? [] : throw DomainException.Conflict($"This command is {Describe(command.Status)} already.");
        }
        if (command.Attempts == 0) throw DomainException.Conflict("This command was never sent to the machine.");
        object[] ack = command.Delivered ? [] : [new CommandAcknowledged(command.Id, c.At)];   // a result implies the machine had it
        object done = c.Success
            ? new CommandSucceeded(command.Id, message, c.At)
            : new CommandFailed(command.Id, string.IsNullOrEmpty(message) ? "The machine reported a failure." : message, ByMachine: true, c.At);
        return [.. ack, done];
    }

    private static object[] TickOf(RemoteCommand command, Tick t)
    {
        if (command.IsFinal) return [];
        // Delivered but never finished (the machine died while running it): failed at its deadline, never pending forever.
        if (command.Status == CommandStatus.Acknowledged)
            return t.At >= command.ExpiresAt ? [new CommandFailed(command.Id, "The machine took it but reported no result before its deadline.", ByMachine: false, t.At)] : [];
        if (t.At >= command.ExpiresAt) return [new CommandExpired(command.Id, t.At)];
        if (command.Status != CommandStatus.Sent || t.At < command.SentAt + t.Timing.AckTimeout) return [];
        return command.Attempts >= command.MaxAttempts
            ? [new CommandFailed(command.Id, $"The machine did not acknowledge it after {command.Attempts} attempts.", ByMachine: false, t.At)]
            : [new CommandRetryScheduled(command.Id, command.Attempts, t.At + t.Timing.Backoff(command.Attempts), t.At)];
    }

    /// <summary>A payload is a JSON object of bounded size, or nothing.</summary>
    private static string? Payload(CommandKind kind, string? payload)
    {
        if (string.IsNullOrWhiteSpace(payload)) return null;
        if (payload.Length > PayloadLimit(kind)) throw DomainException.Invalid($"A command's payload can be at most {PayloadLimit(kind)} characters.");
        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw DomainException.Invalid("A command's payload must be a JSON object.");
            return document.RootElement.GetRawText();
        }
        catch (JsonException e)
        {
            throw DomainException.Invalid($"A command's payload is not valid JSON: {e.Message}");
        }
    }

    public static string Describe(CommandStatus status) => status.ToString().ToLowerInvariant();
}
