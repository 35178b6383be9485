using Microsoft.Extensions.Logging;

namespace Hospitality.Hubs.Live;

/// <summary>Structured log messages of the live feeds (source-generated).</summary>
internal static partial class LiveFeedLog
{
    [LoggerMessage(5100, LogLevel.Error, "A live-feed subscriber of {Topic} threw handling a {Kind} update")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string topic, string kind);

    [LoggerMessage(5101, LogLevel.Warning, "Publishing a {Kind} update of {Topic} failed; subscribers will be told to resync when the backplane is back")]
    public static partial void PublishFailed(ILogger logger, Exception exception, string topic, string kind);

    [LoggerMessage(5102, LogLevel.Information, "Backplane restored: sending resync to live-feed subscribers")]
    public static partial void ResyncingSubscribers(ILogger logger);

    [LoggerMessage(5103, LogLevel.Error, "The Redis live feed could not subscribe; check ConnectionStrings:Redis")]
    public static partial void StartFailed(ILogger logger, Exception exception);
}
