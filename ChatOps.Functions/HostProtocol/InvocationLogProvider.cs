using Microsoft.Extensions.Logging;

namespace ChatOps.Functions.HostProtocol;

/// <summary>Copies the app's own log lines (ChatOps.* categories, Information and up) into the
/// current <see cref="InvocationLog"/>. Messages are the formatted templates, which never hold
/// secrets because no log call is given one.</summary>
public sealed class InvocationLogProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(string category) : ILogger
    {
        private readonly bool _ours = category.StartsWith("ChatOps.", StringComparison.Ordinal);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => _ours && logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var error = exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})";
            InvocationLog.Write($"{logLevel}: {formatter(state, exception)}{error}");
        }
    }
}
