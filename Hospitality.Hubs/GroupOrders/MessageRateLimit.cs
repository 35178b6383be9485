namespace Hospitality.Hubs.GroupOrders;

/// <summary>
/// A token bucket for one connection: <see cref="Burst"/> messages at once, then <see cref="PerSecond"/> a second. A phone
/// tapping quickly never meets it; a client flooding the room does, and its extra messages are refused before they
/// reach the room. Thread-safe (SignalR may run a connection's calls concurrently).
/// </summary>
public sealed class MessageRateLimit(TimeProvider clock)
{
    public const int Burst = 30;
    public const double PerSecond = 5;

    private readonly Lock _gate = new();
    private double _tokens = Burst;
    private long _last = clock.GetTimestamp();

    public bool TryTake()
    {
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            _tokens = Math.Min(Burst, _tokens + clock.GetElapsedTime(_last, now).TotalSeconds * PerSecond);
            _last = now;
            if (_tokens < 1) return false;
            _tokens -= 1;
            return true;
        }
    }

    public const string Refusal = "Too many messages from this phone; slow down and try again in a moment.";
}
