using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Hospitality.Bench.Web;

/// <summary>
/// Stamps each counted <c>add_item</c> (by its key, which becomes the line's id) and its <c>item_added</c> at every other
/// phone of the room, split by whether that phone is on the sender's server. Phone p sits on server
/// <see cref="ServerOf"/>(p): seats 0 and 1 of each room on the first server, 2 and 3 on the second.
/// </summary>
public sealed class RoomDeliveries(int capacity)
{
    private readonly ConcurrentDictionary<Guid, int> _index = new();
    private readonly long[] _sentAt = new long[capacity];
    private readonly int[] _sender = new int[capacity];
    private readonly bool[] _committed = new bool[capacity];
    private readonly int[] _received = new int[capacity];
    private readonly long[] _lastArrival = new long[capacity];
    private int _count;

    public Samples SameServer { get; } = new(capacity * (RoomSeeding.Guests - 1));
    public Samples OtherServer { get; } = new(capacity * (RoomSeeding.Guests - 1));

    public static int ServerOf(int phone) => phone % RoomSeeding.Guests < RoomSeeding.Guests / 2 ? 0 : 1;

    /// <summary>Phone <paramref name="phone"/> sends an add with <paramref name="key"/> now; answers its index, or -1 past capacity.</summary>
    public int Sending(int phone, Guid key)
    {
        var i = Interlocked.Increment(ref _count) - 1;
        if (i >= capacity) return -1;
        _sender[i] = phone;
        Volatile.Write(ref _sentAt[i], Stopwatch.GetTimestamp());
        _index[key] = i;
        return i;
    }

    public void Committed(int index)
    {
        if (index >= 0) _committed[index] = true;
    }

    public void Heard(int phone, ReadOnlySpan<byte> target, ReadOnlySpan<byte> record)
    {
        var now = Stopwatch.GetTimestamp();
        if (!target.SequenceEqual("item_added"u8) || !TryReadItemId(record, out var key) || !_index.TryGetValue(key, out var i)) return;
        var sender = _sender[i];
        if (sender == phone) return;
        var took = now - Volatile.Read(ref _sentAt[i]);
        (ServerOf(sender) == ServerOf(phone) ? SameServer : OtherServer).Add(took);
        Interlocked.Increment(ref _received[i]);
        long last;
        while ((last = Volatile.Read(ref _lastArrival[i])) < now && Interlocked.CompareExchange(ref _lastArrival[i], now, last) != last) { }
    }

    /// <summary>Per committed add: until the last of the room's other phones had it; and how many adds reached all of them, and how many did not.</summary>
    public (Percentiles Last, int Complete, int Incomplete) AllOthers()
    {
        var n = Math.Min(_count, capacity);
        var last = new Samples(Math.Max(1, n));
        int complete = 0, incomplete = 0;
        for (var i = 0; i < n; i++)
        {
            if (!_committed[i]) continue;
            if (_received[i] >= RoomSeeding.Guests - 1) { complete++; last.Add(_lastArrival[i] - _sentAt[i]); }
            else incomplete++;
        }
        return (last.Summarize(), complete, incomplete);
    }

    /// <summary>
    /// The added line's id in an <c>item_added</c> hub message: <c>arguments[0].data.item.id</c>. The message's <c>state</c>
    /// (the whole room) comes after <c>data</c>, so the reader stops long before it.
    /// </summary>
    private static bool TryReadItemId(ReadOnlySpan<byte> record, out Guid id)
    {
        id = default;
        var reader = new Utf8JsonReader(record);
        var inItem = false;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName) continue;
            if (reader.CurrentDepth == 4 && reader.ValueTextEquals("item"u8)) inItem = true;
            else if (inItem && reader.CurrentDepth == 5 && reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.GetGuid();
                return true;
            }
        }
        return false;
    }
}
