using Hospitality.EventStore;
using Hospitality.EventStore.Postgres;
using Hospitality.Tests.EventStore;

namespace Hospitality.Tests.Resilience;

/// <summary>
/// Fifty writers on one stream through the PostgreSQL store: each version is won by exactly one commit, every
/// loser gets the typed <see cref="ConcurrencyException"/> and writes nothing, and the stream stays 1..N.
/// </summary>
public sealed class ConcurrentWritersTests : PostgresSampleStoreTest
{
    private const int Writers = 50;
    [Fact]
    public async Task Fifty_writers_released_together_on_one_version_leave_one_winner_and_forty_nine_typed_conflicts()
    {
        var stream = await OpenAccountAsync();
        const int rounds = 6;
        for (var round = 1; round <= rounds; round++)
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var expected = (long)round;   // AccountOpened is version 1; round r appends version r + 1
            var attempts = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
            {
                await using var session = Store.LightweightSession("t1");
                session.Events.Append(stream, expected, new Deposited(writer));
                await gate.Task;
                await session.SaveChangesAsync();
            })).ToList();
            gate.SetResult();
            var outcomes = await Outcomes(attempts);

            Assert.Equal(1, outcomes.Count(e => e is null));
            Assert.All(outcomes.Where(e => e is not null), e => Assert.Equal("stream", Assert.IsType<ConcurrencyException>(e).Kind));
            Assert.Equal(expected + 1, await VersionAsync(stream));
        }
        await AssertContiguousAsync(stream, rounds + 1);
    }

    [Fact]
    public async Task Fifty_writers_retrying_on_conflict_each_land_their_events_and_versions_stay_contiguous()
    {
        var stream = await OpenAccountAsync();
        const int eachLands = 4;
        var conflicts = 0;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var landed = 0; landed < eachLands;)
            {
                await using var session = Store.LightweightSession("t1");
                var seen = (await session.Events.FetchStreamStateAsync(stream))!.Version;
                session.Events.Append(stream, seen, new Deposited(writer));
                try
                {
                    await session.SaveChangesAsync();
                    landed++;
                }
                catch (ConcurrencyException) { Interlocked.Increment(ref conflicts); }
            }
        })));

        var events = await AssertContiguousAsync(stream, 1 + Writers * eachLands);
        // Every writer's events are there exactly as often as it counted them landed: no loser wrote anything.
        Assert.All(events.Skip(1).GroupBy(e => ((Deposited)e.Data).Amount), g => Assert.Equal(eachLands, g.Count()));
        Assert.True(conflicts > 0, "fifty writers on one stream never collided: the test did not exercise concurrency");
    }

    private async Task<Guid> OpenAccountAsync()
    {
        var stream = Guid.NewGuid();
        await using var session = Store.LightweightSession("t1");
        session.Events.StartStream<Account>(stream, new AccountOpened("ada"));
        await session.SaveChangesAsync();
        return stream;
    }

    private async Task<long> VersionAsync(Guid stream)
    {
        await using var query = Store.LightweightSession("t1");
        return (await query.Events.FetchStreamStateAsync(stream))!.Version;
    }

    /// <summary>The stream's events are versions 1..<paramref name="count"/>, once each, and the stream row agrees.</summary>
    private async Task<IReadOnlyList<IEvent>> AssertContiguousAsync(Guid stream, int count)
    {
        await using var query = Store.LightweightSession("t1");
        var events = await query.Events.FetchStreamAsync(stream);
        Assert.Equal(Enumerable.Range(1, count).Select(v => (long)v), events.Select(e => e.Version));
        Assert.Equal(count, (await query.Events.FetchStreamStateAsync(stream))!.Version);
        return events;
    }

    private static async Task<List<Exception?>> Outcomes(IEnumerable<Task> attempts)
    {
        var outcomes = new List<Exception?>();
        foreach (var attempt in attempts)
        {
            try { await attempt; outcomes.Add(null); }
            catch (Exception e) { outcomes.Add(e); }
        }
        return outcomes;
    }
}
