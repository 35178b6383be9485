namespace Hospitality.Hubs.Backplane;

/// <summary>
/// Whether updates published on other servers currently reach this one. After an outage, <see cref="Restored"/>
/// tells the app that updates may have been lost, so it can tell its clients to refetch (resync).
/// </summary>
public interface IBackplaneStatus
{
    /// <summary>True while this server can publish to and hear from the other servers.</summary>
    bool IsConnected { get; }

    /// <summary>
    /// Raised once per outage, after the connection is back and the subscriptions are proven to deliver again.
    /// Handlers run on the thread pool; an exception from one is logged and does not stop the others.
    /// </summary>
    event EventHandler? Restored;
}

/// <summary>The single-server status: always connected, never restored, because nothing can be lost.</summary>
public sealed class InProcessBackplaneStatus : IBackplaneStatus
{
    public bool IsConnected => true;

    public event EventHandler? Restored { add { } remove { } }
}
