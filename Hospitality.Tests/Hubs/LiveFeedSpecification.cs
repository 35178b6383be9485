using Hospitality.Hubs.Live;

namespace Hospitality.Tests.Hubs;

/// <summary>
/// What every <see cref="ILiveFeed"/> must do. Each test runs on two "servers" sharing a backplane; the
/// in-process feed passes the same instance twice.
/// </summary>
public abstract class LiveFeedSpecification : IAsyncLifetime
{
    private const string Sessions = "tenant/t1/location/l1/sessions";

    protected ILiveFeed A { get; private set; } = null!;

    protected ILiveFeed B { get; private set; } = null!;

    protected abstract Task<(ILiveFeed A, ILiveFeed B)> CreateServersAsync();

    public virtual async Task InitializeAsync() => (A, B) = await CreateServersAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static LiveUpdate Card(long version, string topic = Sessions) =>
        new(topic, "session-card", Guid.Parse("6f1c2f4e-1111-4c1b-9d1e-2a2a2a2a2a2a"), version, $$"""{"table":"T{{version}}"}""");

    [Fact]
    public async Task An_update_published_on_one_server_reaches_subscribers_on_both()
    {
        var onA = new LiveProbe();
        var onB = new LiveProbe();
        using var subscriptionA = A.Subscribe(Sessions, onA.Handle);
        using var subscriptionB = B.Subscribe(Sessions, onB.Handle);

        await A.PublishAsync(Card(1));

        Assert.Equal(Card(1), await onB.NextAsync());
        Assert.Equal(Card(1), await onA.NextAsync());
    }

    [Fact]
    public async Task Updates_arrive_in_publish_order()
    {
        var onB = new LiveProbe();
        using var subscription = B.Subscribe(Sessions, onB.Handle);

        for (var version = 1; version <= 200; version++)
        {
            await A.PublishAsync(Card(version));
        }

        for (var version = 1; version <= 200; version++)
        {
            Assert.Equal(version, (await onB.NextAsync()).StreamVersion);
        }
    }

    [Fact]
    public async Task A_subscriber_hears_only_its_own_topic()
    {
        var sessions = new LiveProbe();
        var devices = new LiveProbe();
        using var sessionsSubscription = B.Subscribe(Sessions, sessions.Handle);
        using var devicesSubscription = B.Subscribe("tenant/t1/location/l1/devices", devices.Handle);

        await A.PublishAsync(Card(1));

        Assert.Equal(Card(1), await sessions.NextAsync());
        await devices.AssertNothingReceivedAsync();
    }

    [Fact]
    public async Task A_disposed_subscription_gets_no_more_updates_while_others_still_do()
    {
        var leaving = new LiveProbe();
        var staying = new LiveProbe();
        var leavingSubscription = B.Subscribe(Sessions, leaving.Handle);
        using var stayingSubscription = B.Subscribe(Sessions, staying.Handle);

        leavingSubscription.Dispose();
        await A.PublishAsync(Card(1));

        Assert.Equal(Card(1), await staying.NextAsync());
        await leaving.AssertNothingReceivedAsync();
    }

    [Fact]
    public async Task A_throwing_handler_does_not_stop_its_later_updates_or_other_subscribers()
    {
        var calls = 0;
        var afterThrow = new LiveProbe();
        var other = new LiveProbe();
        using var throwing = B.Subscribe(Sessions, update =>
            Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("render failed") : afterThrow.Handle(update));
        using var otherSubscription = B.Subscribe(Sessions, other.Handle);

        await A.PublishAsync(Card(1));
        await A.PublishAsync(Card(2));

        Assert.Equal(2, (await afterThrow.NextAsync()).StreamVersion);
        Assert.Equal(1, (await other.NextAsync()).StreamVersion);
        Assert.Equal(2, (await other.NextAsync()).StreamVersion);
    }

    [Fact]
    public async Task Handlers_of_one_subscription_run_one_at_a_time()
    {
        var running = 0;
        var mostAtOnce = 0;
        var done = new LiveProbe();
        using var subscription = B.Subscribe(Sessions, async update =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostAtOnce, now);
            await Task.Delay(5);
            Interlocked.Decrement(ref running);
            await done.Handle(update);
        });

        for (var version = 1; version <= 20; version++)
        {
            await A.PublishAsync(Card(version));
        }

        for (var version = 1; version <= 20; version++)
        {
            Assert.Equal(version, (await done.NextAsync()).StreamVersion);
        }

        Assert.Equal(1, mostAtOnce);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
