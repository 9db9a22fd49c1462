namespace ChatOps.Core.Graphs;

/// <summary>How a page shortcut takes the time window a user asks for (range=, from=, to=).</summary>
public enum PageWindow
{
    /// <summary>It does not: the page shows the range written into its URL.</summary>
    Own,

    /// <summary>Grafana's from/to query parameters.</summary>
    Grafana,

    /// <summary>{from} (and {to}, when present) in the shortcut's URL.</summary>
    Placeholders,
}

public static class PageWindows
{
    public static PageWindow Of(GraphShortcut shortcut, GrafanaOptions grafana) =>
        Uri.TryCreate(shortcut.Source, UriKind.Absolute, out var url) && GrafanaUrl.Is(url, grafana) ? PageWindow.Grafana
        : shortcut.Source.Contains("{from}", StringComparison.Ordinal) ? PageWindow.Placeholders
        : PageWindow.Own;
}
