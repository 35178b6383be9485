namespace Hospitality.Hubs.Backplane;

/// <summary>
/// Settings of the Redis backplane shared by <see cref="RedisHubLifetimeManager{THub}"/> and the Redis live feed.
/// </summary>
public sealed class RedisBackplaneOptions
{
    /// <summary>StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Prepended to every channel, so several apps (or test runs) can share one Redis without hearing
    /// each other. Keep it free of glob characters; they are escaped where a pattern is built.
    /// </summary>
    public string ChannelPrefix { get; set; } = "hospitality";

    /// <summary>
    /// How long a group add/remove for a connection on another server waits for that server's ack. When no
    /// server acks (the connection is gone, or Redis is down) the call logs and returns without throwing.
    /// </summary>
    public TimeSpan GroupAckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a publish waits for Redis before the caller stops waiting and the send is logged as failed. A Redis
    /// that stops answering without closing its sockets (a partition, a frozen host) fails no command in
    /// StackExchange.Redis 1.x, so without this a session command, already committed to PostgreSQL, would hang
    /// on its push. The message itself is not withdrawn: it goes out if Redis recovers, or is lost with the connection.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a SUBSCRIBE or UNSUBSCRIBE waits for Redis to confirm before it is logged and the caller carries on.
    /// Without it a Redis that hangs (sockets open, no answers) would hold a connecting screen forever, and with it
    /// every other connect and disconnect on the server, which queue behind one lock. Longer than
    /// <see cref="PublishTimeout"/> because a subscription not yet confirmed can miss messages: only a hung Redis
    /// should hit it, never a merely busy one. The handler stays registered and takes effect once Redis answers.
    /// </summary>
    public TimeSpan SubscribeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// When set, every hub connection is sent this client method (no arguments) by its own server once the
    /// backplane delivers again after an outage, so clients refetch what they may have missed. Each server
    /// tells only its own connections, so a client hears it once. Null (the default) sends nothing.
    /// </summary>
    public string? ResyncMethodName { get; set; }

    /// <summary>
    /// How many bytes of messages may wait for one connection whose transport buffer is full (a client that
    /// stopped reading, or reads slower than its screen changes) before the server closes it. Bounds a stalled
    /// client's memory at about this plus the transport buffer; the client reconnects and refetches. SignalR has
    /// no such bound of its own: a stalled connection's writes queue behind its write lock for as long as it
    /// stays open. A client that keeps up never has more than a few messages waiting. (Centrifugo's
    /// client_queue_max_size is the same idea, with the same 1 MB default.)
    /// </summary>
    public long MaxPendingBytesPerConnection { get; set; } = 1024 * 1024;

    /// <summary>
    /// StackExchange.Redis 1.x completes work on thread-pool threads and stalls under starvation; on a
    /// 2-core box the pool starts with 2 workers. Raised (never lowered) to this on first connect; 0 leaves it.
    /// </summary>
    public int MinThreadPoolThreads { get; set; } = 16;
}
