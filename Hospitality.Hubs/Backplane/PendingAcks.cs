using System.Collections.Concurrent;

namespace Hospitality.Hubs.Backplane;

/// <summary>Group commands sent to other servers that wait for the owning server's ack.</summary>
internal sealed class PendingAcks
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _pending = new();
    private long _lastId;

    public (long Id, Task Acked) Create()
    {
        var id = Interlocked.Increment(ref _lastId);
        var acked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = acked;
        return (id, acked.Task);
    }

    public void Complete(long id)
    {
        if (_pending.TryRemove(id, out var acked))
        {
            acked.TrySetResult();
        }
    }

    public void Forget(long id) => _pending.TryRemove(id, out _);
}
