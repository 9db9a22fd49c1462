namespace ChatOps.OpsService.Deploy;

/// <summary>The newest lines of an action's output, bounded in count and in line length; thread-safe
/// because stdout and stderr arrive on two threads.</summary>
public sealed class OutputTail(int maxLines)
{
    private const int MaxLineLength = 500;
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public void Add(string? line)
    {
        if (line is null) return;
        if (line.Length > MaxLineLength) line = line[..MaxLineLength] + "…";
        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > maxLines) _lines.Dequeue();
        }
    }

    public IReadOnlyList<string> Lines()
    {
        lock (_gate) return _lines.ToList();
    }
}
