namespace Hospitality.Hubs.Live;

/// <summary>
/// Live updates for server-side consumers (Blazor Server components), fed by the backplane: an update
/// published on any server reaches the subscribers on every server. Components subscribe here instead of
/// opening a SignalR client connection back to their own server.
/// </summary>
public interface ILiveFeed
{
    /// <summary>
    /// Sends an update to every subscriber of <see cref="LiveUpdate.Topic"/> on every server. Never throws
    /// for a backplane outage: the failure is logged and subscribers get <see cref="LiveUpdate.Resync"/>
    /// once the backplane is back.
    /// </summary>
    Task PublishAsync(LiveUpdate update, CancellationToken ct = default);

    /// <summary>
    /// Receives updates of one topic on this server until the returned handle is disposed. Handlers run
    /// one at a time per subscription, in publish order.
    /// </summary>
    IDisposable Subscribe(string topic, Func<LiveUpdate, Task> onUpdate);
}

/// <summary>
/// One change for a topic. <paramref name="StreamVersion"/> is the version of the stream the change came
/// from, so a subscriber that missed one sees the gap and refetches. A <see cref="Resync"/> update tells
/// subscribers that updates may have been lost and they should refetch.
/// </summary>
/// <param name="Topic">Tenant-qualified topic, e.g. <c>tenant/t1/location/l1/sessions</c>.</param>
/// <param name="Kind">What changed, e.g. <c>session-card</c>, or <see cref="ResyncKind"/>.</param>
/// <param name="StreamId">The stream the change came from, if any.</param>
/// <param name="StreamVersion">The stream's version after the change.</param>
/// <param name="Payload">The changed state as JSON, or null when subscribers should refetch.</param>
public sealed record LiveUpdate(string Topic, string Kind, Guid? StreamId, long StreamVersion, string? Payload)
{
    public const string ResyncKind = "resync";

    public bool IsResync => Kind == ResyncKind;

    public static LiveUpdate Resync(string topic) => new(topic, ResyncKind, null, 0, null);
}
