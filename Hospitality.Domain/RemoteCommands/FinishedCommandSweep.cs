using Hospitality.Domain.Devices;
using Hospitality.EventStore;
using Microsoft.Extensions.Options;

namespace Hospitality.Domain.RemoteCommands;

/// <summary>
/// A sweep over the commands that finished as <paramref name="status"/> (of <paramref name="kind"/>, when given) within
/// <see cref="DeviceOptions.SweepWithin"/>: the listeners of finished commands act once, so that window is where a lost
/// effect can be; older ones are left alone.
/// </summary>
public abstract class FinishedCommandSweep(IDocumentStore store, TimeProvider clock, IOptions<DeviceOptions> options, CommandStatus status,
    CommandKind? kind = null) : ISweep
{
    protected IDocumentStore Store => store;
    protected TimeProvider Clock => clock;

    public async Task<IReadOnlyList<Repair>> FindAsync(string tenantId, CancellationToken ct)
    {
        var since = clock.GetUtcNow() - options.Value.SweepWithin;
        await using var session = store.QuerySession(tenantId);
        var query = session.Query<RemoteCommand>().Where(c => c.Status == status && c.FinishedAt >= since);
        if (kind is { } k) query = query.Where(c => c.Kind == k);
        var finished = await query.ToListAsync(ct);
        return finished.Count == 0 ? [] : await FindAsync(session, tenantId, finished, ct);
    }

    /// <summary>The repairs <paramref name="finished"/> (never empty) calls for, read with <paramref name="session"/>.</summary>
    protected abstract Task<IReadOnlyList<Repair>> FindAsync(IQuerySession session, string tenantId, IReadOnlyList<RemoteCommand> finished, CancellationToken ct);
}
