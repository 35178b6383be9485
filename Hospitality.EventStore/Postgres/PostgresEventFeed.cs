using System.Collections.Concurrent;
using Npgsql;

namespace Hospitality.EventStore.Postgres;

/// <summary>
/// Reads the global event order without ever passing a transaction that is still running.
/// <para>
/// A sequence value is taken when an event row is inserted, but the row only becomes visible at commit, so a
/// slow transaction can leave a hole below events that are already visible. The hole is either still running
/// (it will fill) or rolled back (it never will). The reader stops at a hole the first time it sees it and
/// notes the snapshot's xmax. The transaction holding the hole (if any) had its id before the visible event
/// above the hole took its sequence (every commit writes its stream rows first), so its id is below that
/// xmax. Once the snapshot xmin reaches that xmax, every such transaction has ended; a hole still empty then was
/// rolled back and is passed.
/// </para>
/// </summary>
internal sealed class PostgresEventFeed(PostgresContext context)
{
    // Hole sequence -> snapshot xmax when first seen. Per process: another server simply observes holes itself.
    private readonly ConcurrentDictionary<long, long> _holes = new();
    private long _highWaterMark;

    public async Task<IReadOnlyList<IEvent>> ReadAsync(long afterSequence, int maxCount, CancellationToken ct)
    {
        var page = await PageAsync(afterSequence, maxCount, withData: true, ct);
        ForgetHolesUpTo(page.LastSafe);
        return page.Events!;
    }

    public async Task<long> HighWaterMarkAsync(CancellationToken ct)
    {
        // The mark only moves forward, so each call scans only what committed since the last one.
        var mark = Interlocked.Read(ref _highWaterMark);
        while (true)
        {
            var page = await PageAsync(mark, 5000, withData: false, ct);
            mark = page.LastSafe;
            if (!page.MoreMayFollow) break;
        }
        InterlockedMax(ref _highWaterMark, mark);
        ForgetHolesUpTo(mark);
        return Math.Max(mark, Interlocked.Read(ref _highWaterMark));
    }

    private async Task<Page> PageAsync(long after, int maxCount, bool withData, CancellationToken ct)
    {
        var columns = withData ? PostgresContext.EventColumns : "seq";
        // One statement, so the snapshot bounds and the rows come from the same snapshot.
        await using var command = context.DataSource.CreateCommand($"""
            SELECT s.xmin, s.xmax, e.*
            FROM (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin,
                         pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xmax) s
            LEFT JOIN LATERAL (SELECT {columns} FROM {context.Schema.Events} WHERE seq > $1 ORDER BY seq LIMIT $2) e ON TRUE
            ORDER BY e.seq
            """);
        command.Parameters.Add(PostgresContext.Value(after));
        command.Parameters.Add(PostgresContext.Value((long)maxCount));

        var events = withData ? new List<IEvent>() : null;
        var expected = after + 1;
        var rowCount = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (reader.IsDBNull(2)) break; // no events after `after`: the lateral join gave one empty row
            rowCount++;
            var seq = reader.GetInt64(2);
            if (!HolesArePassable(expected, seq, xmin: reader.GetInt64(0), xmax: reader.GetInt64(1)))
                return new Page(events, expected - 1, MoreMayFollow: false);
            events?.Add(context.ReadEvent(reader, offset: 2));
            expected = seq + 1;
        }
        return new Page(events, expected - 1, MoreMayFollow: rowCount == maxCount);
    }

    private bool HolesArePassable(long from, long upTo, long xmin, long xmax)
    {
        for (var hole = from; hole < upTo; hole++)
        {
            var firstSeenAt = _holes.GetOrAdd(hole, xmax);
            if (xmin < firstSeenAt) return false;
        }
        return true;
    }

    /// <summary>
    /// Below a safe position a hole was either filled or passed, so its note can go. Forgetting a rolled-back hole
    /// costs a reader that starts lower again one extra look; keeping every note would grow without bound.
    /// </summary>
    private void ForgetHolesUpTo(long position)
    {
        if (_holes.IsEmpty) return;
        foreach (var hole in _holes.Keys)
            if (hole <= position) _holes.TryRemove(hole, out _);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }

    private sealed record Page(List<IEvent>? Events, long LastSafe, bool MoreMayFollow);
}
