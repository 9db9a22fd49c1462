using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChatOps.Tests.Support;

/// <summary>Keeps every formatted log line (category, level, message) for assertions.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lines.Enqueue((category, logLevel, formatter(state, exception)));
            TestLogs.Add(category, $"{logLevel}: {formatter(state, exception)}{(exception is null ? "" : " | " + exception)}");
        }
    }
}
