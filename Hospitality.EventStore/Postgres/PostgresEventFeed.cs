using System.Collections.Concurrent;
using Npgsql;

namespace Hospitality.EventStore.Postgres;

/// <summary>
/// Reads the global event order without ever passing a transaction that is still running.
/// <para>
/// A sequence value is taken when an event row is inserted, but the row only becomes visible at commit, so a
/// slow transaction can leave a hole below events that are already visible. The hole is either still running
/// (it will fill) or rolled back (it never will). The reader stops at a hole the first time it sees it and, after
/// that read, takes a fresh transaction id as the hole's bound. The transaction holding the hole (if any) had its
/// id before the visible event above the hole took its sequence (every commit writes its stream rows first), so
/// before the read that saw the hole, and ids are handed out in increasing order: its id is below that bound. Once
/// a snapshot's xmin reaches the bound, every such transaction has ended; a hole still empty then was rolled back
/// and is passed.
/// </para>
/// <para>
/// The bound cannot be the xmax of the snapshot that saw the hole: PostgreSQL sets a snapshot's xmax one past the
/// newest <em>ended</em> transaction, not past the newest assigned id, so a holder that took its id after the
/// committer above the hole (while no later id had ended) sits at or above that xmax and would be passed while it
/// still runs, losing its events for good.
/// </para>
/// </summary>
internal sealed class PostgresEventFeed(PostgresContext context)
{
    // Hole sequence -> a transaction id taken after the hole was first seen, for holes above _settled. Per process:
    // another server simply observes holes itself.
    private readonly ConcurrentDictionary<long, long> _holes = new();

    // Every sequence up to here is settled for good: visible, or a hole a read passed once its holder had ended (so
    // rolled back, never to fill). Only moves forward; it is the high-water mark. Any read may pass holes below it
    // without a note, so one reader forgetting the notes below it never makes another (a projection further behind,
    // the high-water mark) see them afresh and wait for them again.
    private long _settled;

    public async Task<IReadOnlyList<IEvent>> ReadAsync(long afterSequence, int maxCount, CancellationToken ct)
    {
        // A read that starts above the settled part cannot settle what it passes (it does not know what lies below
        // its start), so its notes could never be let go: settle up to the present first (one scan, the first time).
        if (afterSequence > Interlocked.Read(ref _settled)) await HighWaterMarkAsync(ct);
        var page = await PageAsync(afterSequence, maxCount, withData: true, ct);
        return page.Events!;
    }

    public async Task<long> HighWaterMarkAsync(CancellationToken ct)
    {
        // The mark only moves forward, so each call scans only what committed since the last one.
        var mark = Interlocked.Read(ref _settled);
        while (true)
        {
            var page = await PageAsync(mark, 5000, withData: false, ct);
            mark = page.LastSafe;
            if (!page.MoreMayFollow) break;
        }
        return Math.Max(mark, Interlocked.Read(ref _settled));
    }

    private async Task<Page> PageAsync(long after, int maxCount, bool withData, CancellationToken ct)
    {
        var columns = withData ? PostgresContext.EventColumns : "seq";
        // One statement, so the snapshot's xmin and the rows come from the same snapshot.
        await using var command = context.DataSource.CreateCommand($"""
            SELECT s.xmin, e.*
            FROM (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin) s
            LEFT JOIN LATERAL (SELECT {columns} FROM {context.Schema.Events} WHERE seq > $1 ORDER BY seq LIMIT $2) e ON TRUE
            ORDER BY e.seq
            """);
        command.Parameters.Add(PostgresContext.Value(after));
        command.Parameters.Add(PostgresContext.Value((long)maxCount));

        var settled = Interlocked.Read(ref _settled);
        var events = withData ? new List<IEvent>() : null;
        var expected = after + 1;
        var rowCount = 0;
        var unseen = new List<long>();
        Page? page = null;
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                if (reader.IsDBNull(1)) break; // no events after `after`: the lateral join gave one empty row
                rowCount++;
                var seq = reader.GetInt64(1);
                if (!HolesArePassable(expected, seq, xmin: reader.GetInt64(0), settled, unseen))
                {
                    page = new Page(events, expected - 1, MoreMayFollow: false);
                    break;
                }
                events?.Add(context.ReadEvent(reader, offset: 1));
                expected = seq + 1;
            }
        if (unseen.Count > 0) await NoteHolesAsync(unseen, ct);
        page ??= new Page(events, expected - 1, MoreMayFollow: rowCount == maxCount);
        // Started on settled ground, everything up to the page's end is settled now.
        if (after <= settled) Settle(page.LastSafe);
        return page;
    }

    /// <summary>
    /// Whether every hole in [from, upTo) may be passed: each is settled, or was seen before and the snapshot's xmin
    /// has reached its bound. Holes seen for the first time are collected into <paramref name="unseen"/> and never
    /// passed yet.
    /// </summary>
    private bool HolesArePassable(long from, long upTo, long xmin, long settled, List<long> unseen)
    {
        var passable = true;
        for (var hole = Math.Max(from, settled + 1); hole < upTo; hole++)
        {
            if (!_holes.TryGetValue(hole, out var bound)) unseen.Add(hole);
            else if (xmin >= bound) continue;
            passable = false;
        }
        return passable;
    }

    /// <summary>
    /// Bounds newly seen holes with a transaction id assigned now, after the read that saw them: greater than the
    /// id of any transaction that could hold them (see the class comment). A short transaction of its own.
    /// </summary>
    private async Task NoteHolesAsync(List<long> holes, CancellationToken ct)
    {
        await using var command = context.DataSource.CreateCommand("SELECT pg_current_xact_id()::text::bigint");
        var bound = (long)(await command.ExecuteScalarAsync(ct))!;
        foreach (var hole in holes) _holes.TryAdd(hole, bound);
    }

    /// <summary>Moves the settled mark up to <paramref name="position"/>; the notes of holes below it can go.</summary>
    private void Settle(long position)
    {
        InterlockedMax(ref _settled, position);
        if (_holes.IsEmpty) return;
        var settled = Interlocked.Read(ref _settled);
        foreach (var hole in _holes.Keys)
            if (hole <= settled) _holes.TryRemove(hole, out _);
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
