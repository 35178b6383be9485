using System.Diagnostics;
using System.Text.Json;

namespace Hospitality.Bench.Web;

/// <summary>
/// One staff dashboard per server on <c>/hubs/devices</c>, subscribed to the whole fleet. Each stamps the arrival of a
/// report's <c>DeviceChanged</c> (by machine and <c>lastSequence</c>, the first arrival only) and of the <c>AlarmChanged</c>
/// that opens a low-stock alarm (the first after the crossing report was sent), split by whether the machine reports to
/// the dashboard's own server or the other. Machine m reports to server m % 2.
/// </summary>
public sealed class FleetDashboards(Guid[] machines, int perMachine)
{
    private readonly Dictionary<Guid, int> _index = machines.Select((id, m) => (id, m)).ToDictionary(p => p.id, p => p.m);
    private readonly long[] _sentAt = new long[machines.Length * perMachine];
    private readonly bool[] _crossing = new bool[machines.Length * perMachine];
    private readonly bool[] _applied = new bool[machines.Length * perMachine];
    private readonly int[][] _seen = [new int[machines.Length * perMachine], new int[machines.Length * perMachine]];
    private readonly long[][] _crossingSent = [new long[machines.Length], new long[machines.Length]];
    private readonly List<LeanHubClient> _clients = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _pings = Task.CompletedTask;
    private int _dropped;

    public Samples DeviceOther { get; } = new(machines.Length * perMachine);
    public Samples DeviceSame { get; } = new(machines.Length * perMachine);
    public Samples CrossingOther { get; } = new(machines.Length * perMachine);
    public Samples AlarmOther { get; } = new(machines.Length * perMachine);
    public Samples AlarmSame { get; } = new(machines.Length * perMachine);

    public async Task ConnectAsync(WebCluster cluster, string staffCookie)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        for (var server = 0; server < 2; server++)
        {
            var d = server;
            var client = new LeanHubClient { Server = d, OnPush = (target, record) => Heard(d, target, record), OnError = _ => Interlocked.Increment(ref _dropped) };
            _clients.Add(client);
            await client.ConnectAsync(cluster.Hub(d, "/hubs/devices"), null, timeout.Token, staffCookie);
            await client.SubscribeAsync(null, timeout.Token);
        }
        _pings = Task.Run(() => LeanHubClient.KeepAliveAsync(_clients, _stop.Token));
    }

    /// <summary>Machine <paramref name="m"/> sends report <paramref name="sequence"/> now (<paramref name="at"/>); a crossing one opens an alarm.</summary>
    public void Sent(int m, long sequence, long at, bool crossing)
    {
        if (sequence >= perMachine) return;
        var key = m * perMachine + (int)sequence;
        _crossing[key] = crossing;
        Volatile.Write(ref _sentAt[key], at);
        if (!crossing) return;
        foreach (var pending in _crossingSent) Volatile.Write(ref pending[m], at);
    }

    /// <summary>The server applied the report (outcome applied): its DeviceChanged is expected on both dashboards.</summary>
    public void Applied(int m, long sequence)
    {
        if (sequence < perMachine) _applied[m * perMachine + (int)sequence] = true;
    }

    /// <summary>Applied reports whose DeviceChanged never reached the dashboard on the other server.</summary>
    public int MissingOther()
    {
        var missing = 0;
        for (var key = 0; key < _applied.Length; key++)
            if (_applied[key] && Volatile.Read(ref _seen[1 - key / perMachine % 2][key]) == 0) missing++;
        return missing;
    }

    private void Heard(int d, ReadOnlySpan<byte> target, ReadOnlySpan<byte> record)
    {
        var now = Stopwatch.GetTimestamp();
        if (target.SequenceEqual("DeviceChanged"u8))
        {
            if (!CardStamp.TryRead(record, "lastSequence"u8, out var id, out var sequence) || sequence >= perMachine
                || !_index.TryGetValue(id, out var m)) return;
            var key = m * perMachine + (int)sequence;
            var sent = Volatile.Read(ref _sentAt[key]);
            if (sent == 0 || Interlocked.Exchange(ref _seen[d][key], 1) == 1) return;
            var other = m % 2 != d;
            (other ? DeviceOther : DeviceSame).Add(now - sent);
            if (other && _crossing[key]) CrossingOther.Add(now - sent);
        }
        else if (target.SequenceEqual("AlarmChanged"u8) && OpensLowStock(record, out var device) && _index.TryGetValue(device, out var m))
        {
            var sent = Interlocked.Exchange(ref _crossingSent[d][m], 0);
            if (sent != 0) (m % 2 != d ? AlarmOther : AlarmSame).Add(now - sent);
        }
    }

    /// <summary>True for the first push of a low-stock alarm (open, version 1: each occurrence is a stream of its own).</summary>
    private static bool OpensLowStock(ReadOnlySpan<byte> record, out Guid device)
    {
        device = default;
        bool low = false, open = false;
        long version = -1;
        var reader = new Utf8JsonReader(record);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 3) continue;
            if (reader.ValueTextEquals("deviceId"u8)) { reader.Read(); device = reader.GetGuid(); }
            else if (reader.ValueTextEquals("kind"u8)) { reader.Read(); low = reader.ValueTextEquals("low_stock"u8); }
            else if (reader.ValueTextEquals("state"u8)) { reader.Read(); open = reader.ValueTextEquals("open"u8); }
            else if (reader.ValueTextEquals("version"u8)) { reader.Read(); version = reader.GetInt64(); }
        }
        return low && open && version == 1 && device != default;
    }

    /// <summary>Closes the dashboards; answers how many had dropped before.</summary>
    public async Task<int> DisposeAsync()
    {
        var dropped = Volatile.Read(ref _dropped);
        await _stop.CancelAsync();
        await _pings;
        foreach (var client in _clients) await client.DisposeAsync();
        _stop.Dispose();
        return dropped;
    }
}
