using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hospitality.Tests.Hubs;

/// <summary>Keeps the event ids it was asked to log, so a test can tell a failure was logged, not swallowed.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, int EventId)> _entries = new();

    public bool Logged(int eventId) => _entries.Any(e => e.EventId == eventId);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((logLevel, eventId.Id));
}
