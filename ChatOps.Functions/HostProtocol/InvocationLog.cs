namespace ChatOps.Functions.HostProtocol;

/// <summary>
/// Collects the log lines written while one invocation runs, so they can be returned in the
/// response's Logs (where the host puts them in the invocation log / Application Insights).
/// Flows with the async context, so concurrent invocations do not mix lines.
/// </summary>
public sealed class InvocationLog : IDisposable
{
    private static readonly AsyncLocal<InvocationLog?> Current = new();
    private readonly List<string> _lines = [];
    private readonly InvocationLog? _previous;

    private InvocationLog()
    {
        _previous = Current.Value;
        Current.Value = this;
    }

    public static InvocationLog Begin() => new();

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines) return _lines.ToList();
        }
    }

    internal static void Write(string line)
    {
        if (Current.Value is not { } log) return;
        lock (log._lines)
        {
            if (log._lines.Count < 100) log._lines.Add(line);
        }
    }

    public void Dispose() => Current.Value = _previous;
}
