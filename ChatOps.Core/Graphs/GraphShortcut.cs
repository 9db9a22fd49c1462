namespace ChatOps.Core.Graphs;

/// <summary>A named graph: a PromQL chart or a screenshot of a page (typically a Grafana panel).</summary>
public sealed record GraphShortcut(string Name, string Title, GraphKind Kind, string Source, string? Unit, TimeSpan Range,
    TimeSpan? Step, string? WaitFor, TimeSpan? Timeout = null)
{
    public static IReadOnlyList<GraphShortcut> From(GraphOptions options) => options.Shortcuts
        .Where(kv => !string.IsNullOrWhiteSpace(kv.Value.Query) || !string.IsNullOrWhiteSpace(kv.Value.Url))
        .Select(kv => new GraphShortcut(kv.Key.ToLowerInvariant(), kv.Value.Title ?? kv.Key,
            string.IsNullOrWhiteSpace(kv.Value.Query) ? GraphKind.Url : GraphKind.PromQL,
            (string.IsNullOrWhiteSpace(kv.Value.Query) ? kv.Value.Url : kv.Value.Query)!,
            kv.Value.Unit, kv.Value.Range, kv.Value.Step, kv.Value.WaitFor, kv.Value.Timeout))
        .OrderBy(s => s.Name, StringComparer.Ordinal)
        .ToList();
}

public enum GraphKind
{
    PromQL,
    Url,
}
