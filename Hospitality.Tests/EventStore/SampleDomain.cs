using Hospitality.EventStore;

namespace Hospitality.Tests.EventStore;

// A tiny bank account domain: enough to exercise the store without any venue concepts.
public sealed record AccountOpened(string Owner);
public sealed record Deposited(decimal Amount);
public sealed record Withdrawn(decimal Amount);

public sealed record Account(Guid Id, string Owner, decimal Balance, long Version)
{
    public static Account? Evolve(Account? state, IEvent e) => e.Data switch
    {
        AccountOpened opened => new Account(e.StreamId, opened.Owner, 0, e.Version),
        Deposited d => state! with { Balance = state.Balance + d.Amount, Version = e.Version },
        Withdrawn w => state! with { Balance = state.Balance - w.Amount, Version = e.Version },
        _ => state,
    };
}

/// <summary>A read model kept by a projection: balance and how many events built it.</summary>
public sealed record AccountSummary(Guid Id, decimal Balance, int EventCount);

public enum Tier { Bronze, Silver, Gold }

public sealed record Address(string City, string Street);

/// <summary>A document with one member of every shape the query translator handles.</summary>
public sealed record Customer(
    string Id, string Name, int Age, bool Active, Tier Tier, Address? Address, List<string> Tags,
    DateTimeOffset Since, decimal Balance, Guid? ManagerId = null);

/// <summary>Folds account events into <see cref="AccountSummary"/> documents; used inline and asynchronously.</summary>
public sealed class AccountSummaryProjection(string name = "account_summary") : IProjection
{
    private int _applied;

    public string Name => name;

    /// <summary>Events applied so far, over every run, to prove nothing is applied twice.</summary>
    public int Applied => Volatile.Read(ref _applied);

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<StreamAction> streams, CancellationToken ct)
    {
        foreach (var stream in streams)
        {
            var summary = await operations.LoadAsync<AccountSummary>(stream.Id, ct) ?? new AccountSummary(stream.Id, 0, 0);
            foreach (var e in stream.Events)
            {
                summary = e.Data switch
                {
                    Deposited d => summary with { Balance = summary.Balance + d.Amount },
                    Withdrawn w => summary with { Balance = summary.Balance - w.Amount },
                    _ => summary,
                };
                summary = summary with { EventCount = summary.EventCount + 1 };
                Interlocked.Increment(ref _applied);
            }
            operations.Store(summary);
        }
    }
}

public sealed class ThrowingProjection : IProjection
{
    public string Name => "throwing";

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<StreamAction> streams, CancellationToken ct)
    {
        operations.Store(new AccountSummary(streams[0].Id, 999, 1));
        throw new InvalidOperationException("Projection failed on purpose.");
    }
}

/// <summary>Fails its first run after staging a bogus document, then behaves like <see cref="AccountSummaryProjection"/>.</summary>
public sealed class FailingOnceProjection(AccountSummaryProjection inner) : IProjection
{
    private int _runs;

    public string Name => inner.Name;

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<StreamAction> streams, CancellationToken ct)
    {
        if (Interlocked.Increment(ref _runs) > 1) return inner.ApplyAsync(operations, streams, ct);
        operations.Store(new AccountSummary(streams[0].Id, 999, 999));
        throw new InvalidOperationException("First run fails on purpose.");
    }
}

/// <summary>Records each notification and what a fresh session could read at that moment.</summary>
public sealed class RecordingListener(IDocumentStore? store = null) : ICommitListener
{
    public List<(string TenantId, int Events, long? VisibleVersion)> Calls { get; } = [];

    public List<long> Sequences { get; } = [];

    public IDocumentStore? Store { get; set; } = store;

    public async Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CancellationToken ct)
    {
        long? visible = null;
        if (Store is not null)
        {
            await using var query = Store.QuerySession(tenantId);
            visible = (await query.Events.FetchStreamStateAsync(committed[0].Id, ct))?.Version;
        }
        lock (Calls)
        {
            Calls.Add((tenantId, committed.Sum(c => c.Events.Count), visible));
            Sequences.AddRange(committed.SelectMany(c => c.Events).Select(e => e.Sequence));
        }
    }
}

public sealed class ThrowingListener : ICommitListener
{
    public Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CancellationToken ct) =>
        throw new InvalidOperationException("Listener failed on purpose.");
}

/// <summary>A clock that stands still, at whole seconds so PostgreSQL's microsecond precision loses nothing.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

public static class SampleStore
{
    public static readonly DateTimeOffset Epoch = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static StoreOptions Options()
    {
        var options = new StoreOptions { Clock = new FixedClock(Epoch) };
        options.Events.Add<AccountOpened>().Add<Deposited>().Add<Withdrawn>();
        options.Schema.For<Customer>(c => c.Id).For<AccountSummary>(s => s.Id);
        options.Projections.LiveStreamAggregation<Account>(Account.Evolve);
        return options;
    }
}

/// <summary>Stages a marker document on every save it is told of, to show it commits with the session or not at all.</summary>
public sealed class MarkingSessionListener : ISessionListener
{
    public List<Guid> Marked { get; } = [];

    public Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken ct)
    {
        var marker = Guid.NewGuid();
        lock (Marked) Marked.Add(marker);
        session.Insert(new AccountSummary(marker, 0, 0));
        return Task.CompletedTask;
    }
}
