using Hospitality.Domain;
using Hospitality.Domain.RemoteCommands;

namespace Hospitality.Tests.RemoteCommands;

/// <summary>A command's life, decided without a store or a clock: sent is not delivered, retries back off, time runs out.</summary>
public class CommandDecisionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly CommandTiming Timing = new() { AckTimeout = TimeSpan.FromSeconds(30), RetryBase = TimeSpan.FromSeconds(5), RetryCap = TimeSpan.FromSeconds(12) };

    private static RemoteCommand Queued(int maxAttempts = 3, TimeSpan? lifetime = null) =>
        Apply(null, CommandDecisions.Decide(null, new Queue(Guid.NewGuid(), Guid.NewGuid(), "downtown", CommandKind.Clean, """{"cycle":"full"}""",
            maxAttempts, T0 + (lifetime ?? TimeSpan.FromHours(1)), null, "Maya", T0)));

    private static RemoteCommand Apply(RemoteCommand? command, object[] events) =>
        events.Aggregate(command, (c, e) => RemoteCommand.Fold(c, e, (c?.Version ?? 0) + 1))!;

    private static RemoteCommand Step(RemoteCommand command, CommandStep step) => Apply(command, CommandDecisions.Decide(command, step));

    [Fact]
    public void Sent_is_not_delivered_until_the_machine_acknowledges_and_a_result_finishes_it()
    {
        var sent = Step(Queued(), new Send("poll", T0));
        Assert.Equal((CommandStatus.Sent, 1, false), (sent.Status, sent.Attempts, sent.Delivered));
        Assert.Empty(CommandDecisions.Decide(sent, new Send("poll", T0.AddSeconds(1))));   // not sent twice while waiting

        var acknowledged = Step(sent, new Acknowledge(T0.AddSeconds(2)));
        Assert.True(acknowledged.Delivered);
        Assert.Empty(CommandDecisions.Decide(acknowledged, new Acknowledge(T0.AddSeconds(3))));   // a repeated ack changes nothing
        var done = Step(acknowledged, new Complete(true, "Cleaned", T0.AddSeconds(40)));
        Assert.Equal((CommandStatus.Succeeded, "Cleaned"), (done.Status, done.Result));
        Assert.Contains("succeeded already", Assert.Throws<DomainException>(() => CommandDecisions.Decide(done, new Complete(false, "x", T0))).Message);
    }

    [Fact]
    public void Without_an_acknowledgement_it_is_retried_with_growing_waits_then_given_up()
    {
        var command = Step(Queued(maxAttempts: 3), new Send("poll", T0));
        Assert.Empty(CommandDecisions.Decide(command, new Tick(Timing, T0.AddSeconds(29))));

        command = Step(command, new Tick(Timing, T0.AddSeconds(30)));
        Assert.Equal((CommandStatus.Queued, T0.AddSeconds(35)), (command.Status, command.NextAttemptAt!.Value));   // 5 s after the first
        Assert.Empty(CommandDecisions.Decide(command, new Send("poll", T0.AddSeconds(34))));
        command = Step(command, new Send("hub", T0.AddSeconds(35)));
        command = Step(command, new Tick(Timing, T0.AddSeconds(65)));
        Assert.Equal(T0.AddSeconds(75), command.NextAttemptAt);   // 10 s after the second
        command = Step(Step(command, new Send("poll", T0.AddSeconds(75))), new Tick(Timing, T0.AddSeconds(105)));
        Assert.Equal(CommandStatus.Failed, command.Status);
        Assert.Contains("did not acknowledge it after 3 attempts", command.Result);
        Assert.False(command.Delivered);
    }

    [Fact]
    public void A_late_acknowledgement_still_counts_but_an_expired_command_must_not_run()
    {
        var waiting = Step(Step(Queued(), new Send("poll", T0)), new Tick(Timing, T0.AddSeconds(31)));   // retry scheduled
        Assert.Equal(CommandStatus.Acknowledged, Step(waiting, new Acknowledge(T0.AddSeconds(32))).Status);

        var expired = Step(Step(Queued(lifetime: TimeSpan.FromMinutes(1)), new Send("poll", T0)), new Tick(Timing, T0.AddMinutes(1)));
        Assert.Equal(CommandStatus.Expired, expired.Status);
        Assert.Contains("do not run it", Assert.Throws<DomainException>(() => CommandDecisions.Decide(expired, new Acknowledge(T0.AddMinutes(2)))).Message);
        Assert.Empty(CommandDecisions.Decide(Queued(lifetime: TimeSpan.FromMinutes(1)), new Send("poll", T0.AddMinutes(2))));   // never sent after its time
    }

    [Fact]
    public void A_result_implies_the_acknowledgement_and_a_bad_payload_or_attempt_count_is_refused()
    {
        var finished = Step(Step(Queued(), new Send("hub", T0)), new Complete(false, "Water tank empty", T0.AddSeconds(5)));
        Assert.Equal((CommandStatus.Failed, true, "Water tank empty"), (finished.Status, finished.Delivered, finished.Result));
        Assert.Contains("never sent", Assert.Throws<DomainException>(() => CommandDecisions.Decide(Queued(), new Complete(true, null, T0))).Message);
        Assert.Contains("not valid JSON", Assert.Throws<DomainException>(() => CommandDecisions.Decide(null,
            new Queue(Guid.NewGuid(), Guid.NewGuid(), "x", CommandKind.Restart, "{oops", 3, T0.AddHours(1), null, "Maya", T0))).Message);
        Assert.Contains("must be a JSON object", Assert.Throws<DomainException>(() => CommandDecisions.Decide(null,
            new Queue(Guid.NewGuid(), Guid.NewGuid(), "x", CommandKind.Restart, "[1]", 3, T0.AddHours(1), null, "Maya", T0))).Message);
        Assert.Contains("'max_attempts'", Assert.Throws<DomainException>(() => CommandDecisions.Decide(null,
            new Queue(Guid.NewGuid(), Guid.NewGuid(), "x", CommandKind.Restart, null, 0, T0.AddHours(1), null, "Maya", T0))).Message);
    }

    [Fact]
    public void A_command_the_machine_took_but_never_finished_fails_at_its_deadline_instead_of_staying_pending()
    {
        var running = Step(Step(Queued(lifetime: TimeSpan.FromMinutes(5)), new Send("hub", T0)), new Acknowledge(T0.AddSeconds(1)));
        Assert.Empty(CommandDecisions.Decide(running, new Tick(Timing, T0.AddMinutes(4))));   // still running: no retry, no failure
        var failed = Step(running, new Tick(Timing, T0.AddMinutes(5)));
        Assert.Equal((CommandStatus.Failed, true), (failed.Status, failed.Delivered));
        Assert.Contains("no result before its deadline", failed.Result);
    }
}
