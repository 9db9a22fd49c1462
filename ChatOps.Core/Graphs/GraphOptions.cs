namespace ChatOps.Core.Graphs;

/// <summary>Graph settings (section "Graphs"): the shortcuts and how charts are rendered.</summary>
public sealed class GraphOptions
{
    public const string Section = "Graphs";

    /// <summary>Shortcuts by name (Graphs__Shortcuts__latency__Query=...).</summary>
    public Dictionary<string, GraphShortcutOptions> Shortcuts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A JSON file with {"Graphs": {"Shortcuts": {...}}}, merged under the app settings.</summary>
    public string? ShortcutsFile { get; set; }

    /// <summary>The browser for URL shortcuts only (PromQL charts are drawn in process); started on first use.</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>How long a URL shortcut may take to draw (a shortcut's own Timeout wins).</summary>
    public TimeSpan RenderTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public int MaxConcurrentRenders { get; set; } = 2;
    public int Width { get; set; } = 1200;
    public int Height { get; set; } = 600;

    /// <summary>Whether `graph query=&lt;PromQL&gt;` (ad-hoc expressions) is allowed.</summary>
    public bool AllowAdHocQueries { get; set; } = true;

    public GrafanaOptions Grafana { get; set; } = new();
}

public sealed class GraphShortcutOptions
{
    /// <summary>PromQL expression (a PromQL shortcut) ...</summary>
    public string? Query { get; set; }

    /// <summary>... or a page to screenshot (a URL shortcut), with {from} and {to} (unix ms) substituted.</summary>
    public string? Url { get; set; }

    public string? Title { get; set; }
    public string? Unit { get; set; }
    public TimeSpan Range { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Query step; empty lets the Ops service choose (about 250 points).</summary>
    public TimeSpan? Step { get; set; }

    /// <summary>CSS selector to wait for and capture on URL shortcuts; the whole page when empty.</summary>
    public string? WaitFor { get; set; }

    /// <summary>How long this URL shortcut's page may take to draw; Graphs__RenderTimeout when empty.</summary>
    public TimeSpan? Timeout { get; set; }
}

public sealed class GrafanaOptions
{
    /// <summary>Grafana's base URL. The token is sent only to URL shortcuts on this origin.</summary>
    public string? Url { get; set; }

    /// <summary>Grafana service-account token, sent as a bearer token to <see cref="Url"/>'s origin only. Secret.</summary>
    public string? Token { get; set; }

    /// <summary>The token for a page, or null when the page is not on Grafana's origin.</summary>
    public string? TokenFor(Uri page) =>
        !string.IsNullOrEmpty(Token) && Uri.TryCreate(Url, UriKind.Absolute, out var grafana) &&
        Uri.Compare(grafana, page, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
            ? Token
            : null;
}
