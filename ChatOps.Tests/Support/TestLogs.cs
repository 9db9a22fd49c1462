using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace ChatOps.Tests.Support;

/// <summary>
/// Every log line the test run produces, from every app the tests start (at every level, with each
/// structured property and exception in full), the invocation Logs returned to the "host", and the
/// output of the processes the tests launch. <see cref="Security.SecretsInLogsTests"/> scans it after
/// all other tests have run.
/// </summary>
public static class TestLogs
{
    private static readonly ConcurrentQueue<string> Lines = new();

    public static IReadOnlyCollection<string> All => Lines;

    public static void Add(string source, string? line)
    {
        if (!string.IsNullOrEmpty(line)) Lines.Enqueue($"[{source}] {line}");
    }

    /// <summary>Adds the capture to an app's logging, below any level filter the app sets.</summary>
    public static void CaptureInto(ILoggingBuilder logging)
    {
        logging.AddProvider(new Capture());
        logging.AddFilter<Capture>(null, LogLevel.Trace);
    }

    public sealed class Capture : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                Add(category, "scope " + state);
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var line = new StringBuilder($"{logLevel}: {formatter(state, exception)}");
                // The structured properties too: a sink that indexes them (Application Insights) stores them apart from the message.
                if (state is IEnumerable<KeyValuePair<string, object?>> properties)
                    foreach (var (key, value) in properties)
                        line.Append($" |{key}={value}");
                if (exception is not null) line.Append(" | ").Append(exception);
                Add(category, line.ToString());
            }
        }
    }
}
