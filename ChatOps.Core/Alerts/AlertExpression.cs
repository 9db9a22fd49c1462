using System.Web;

namespace ChatOps.Core.Alerts;

/// <summary>The PromQL behind an alert: Prometheus puts it in the generatorURL's `g0.expr` parameter.</summary>
public static class AlertExpression
{
    public static string? From(string? generatorUrl)
    {
        if (generatorUrl is null || !Uri.TryCreate(generatorUrl, UriKind.Absolute, out var uri)) return null;
        return HttpUtility.ParseQueryString(uri.Query)["g0.expr"] is { Length: > 0 } expr ? expr : null;
    }
}
