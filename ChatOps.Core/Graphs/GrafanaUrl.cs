using System.Globalization;
using System.Text.RegularExpressions;
using System.Web;

namespace ChatOps.Core.Graphs;

/// <summary>Grafana links: the window as from/to (unix ms), template variables as var-name=value, and a d-solo
/// panel's own width and height.</summary>
public static partial class GrafanaUrl
{
    /// <summary>A dashboard or panel path at the root of its host (/d/uid/…, /d-solo/uid/…), or any page of the
    /// configured Grafana (its origin, under its path). Only at the root: other sites have /d/ deeper in their
    /// paths (docs.google.com/spreadsheets/d/…); a Grafana under a sub-path is named by Graphs__Grafana__Url.</summary>
    public static bool Is(Uri url, GrafanaOptions grafana) =>
        DashboardPath().IsMatch(url.AbsolutePath) ||
        (Uri.TryCreate(grafana.Url, UriKind.Absolute, out var g) &&
         Uri.Compare(g, url, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0 &&
         UnderPath(url.AbsolutePath, g.AbsolutePath.TrimEnd('/')));

    /// <summary>A dashboard path below the root (/grafana/d/uid/…): a Grafana under a sub-path, or another site.</summary>
    public static bool HasDeepDashboardPath(Uri url) => !DashboardPath().IsMatch(url.AbsolutePath) && DeepDashboardPath().IsMatch(url.AbsolutePath);

    private static bool UnderPath(string path, string root) =>
        root.Length == 0 || path == root || path.StartsWith(root + "/", StringComparison.Ordinal);

    [GeneratedRegex("^/d(-solo)?/[^/]+")]
    private static partial Regex DashboardPath();

    [GeneratedRegex("/d(-solo)?/[^/]+")]
    private static partial Regex DeepDashboardPath();

    public static Uri With(Uri url, DateTimeOffset from, DateTimeOffset to, IReadOnlyDictionary<string, string> variables)
    {
        var query = HttpUtility.ParseQueryString(url.Query);
        query["from"] = from.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        query["to"] = to.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        foreach (var (name, value) in variables) query["var-" + name] = value;
        return new UriBuilder(url) { Query = query.ToString() }.Uri;
    }

    /// <summary>A d-solo panel link's width and height (as Grafana's share dialog writes them), when both are given.</summary>
    public static (int Width, int Height)? PanelSize(Uri url)
    {
        if (!url.AbsolutePath.Contains("/d-solo/", StringComparison.Ordinal)) return null;
        var query = HttpUtility.ParseQueryString(url.Query);
        return int.TryParse(query["width"], CultureInfo.InvariantCulture, out var w) && int.TryParse(query["height"], CultureInfo.InvariantCulture, out var h) &&
               w is >= 100 and <= 4000 && h is >= 100 and <= 4000
            ? (w, h)
            : null;
    }
}
