using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Hospitality.Hubs.Backplane;

/// <summary>Structured log messages of the Redis backplane (source-generated, one event id each).</summary>
internal static partial class BackplaneLog
{
    [LoggerMessage(5000, LogLevel.Information, "Redis backplane connection created; pub/sub delivery proven now: {IsDelivering}")]
    public static partial void Connected(ILogger logger, bool isDelivering);

    [LoggerMessage(5001, LogLevel.Information, "Raised thread-pool minimum from {Before} to {After} for StackExchange.Redis 1.x")]
    public static partial void ThreadPoolRaised(ILogger logger, int before, int after);

    [LoggerMessage(5002, LogLevel.Warning, "Redis backplane {ConnectionType} connection to {EndPoint} failed: {FailureType}")]
    public static partial void ConnectionFailed(ILogger logger, Exception? exception, ConnectionType connectionType, ConnectionFailureType failureType, string? endPoint);

    [LoggerMessage(5003, LogLevel.Information, "Redis backplane {ConnectionType} connection to {EndPoint} restored")]
    public static partial void ConnectionRestored(ILogger logger, ConnectionType connectionType, string? endPoint);

    [LoggerMessage(5004, LogLevel.Information, "Redis backplane delivers again after an outage; telling subscribers to resync")]
    public static partial void DeliveryRestored(ILogger logger);

    [LoggerMessage(5005, LogLevel.Error, "A backplane-restored handler threw")]
    public static partial void RestoredHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(5006, LogLevel.Warning, "Closing the Redis backplane connection timed out")]
    public static partial void CloseTimedOut(ILogger logger);

    [LoggerMessage(5007, LogLevel.Warning, "Subscribing to Redis channel {Channel} failed; SE.Redis retries on reconnect")]
    public static partial void SubscribeFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(5008, LogLevel.Warning, "Unsubscribing from Redis channel {Channel} failed")]
    public static partial void UnsubscribeFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(5009, LogLevel.Debug, "Backplane restore probe did not get through yet")]
    public static partial void ProbeFailed(ILogger logger, Exception exception);

    [LoggerMessage(5011, LogLevel.Warning, "Publishing to Redis channel {Channel} failed; the message is dropped")]
    public static partial void PublishFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(5012, LogLevel.Error, "Handling a message from Redis channel {Channel} failed")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(5013, LogLevel.Warning, "No server acknowledged {Action} of connection {ConnectionId} to group {GroupName} within {Timeout}")]
    public static partial void GroupAckTimedOut(ILogger logger, string action, string connectionId, string groupName, TimeSpan timeout);

    [LoggerMessage(5014, LogLevel.Warning, "Writing a backplane message to connection {ConnectionId} failed")]
    public static partial void WriteFailed(ILogger logger, Exception exception, string connectionId);

    [LoggerMessage(5015, LogLevel.Warning, "Closing connection {ConnectionId}: {PendingBytes} bytes are waiting for it to read")]
    public static partial void SlowConnectionClosed(ILogger logger, string connectionId, long pendingBytes);
}
