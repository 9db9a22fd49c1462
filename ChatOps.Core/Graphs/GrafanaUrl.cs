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
         url.AbsolutePath.StartsWith(g.AbsolutePath.TrimEnd('/') + "/", StringComparison.Ordinal));

    [GeneratedRegex("^/d(-solo)?/[^/]+")]
    private static partial Regex DashboardPath();

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
