using System.Text.Json.Nodes;

namespace ChatOps.Tests.Support;

/// <summary>Alertmanager webhook bodies (version 4) as Alertmanager 0.25 writes them.</summary>
public static class AlertPayloads
{
    public const string Token = "test-alertmanager-token-0123456789";
    public const string Channel = "C0ALERTS1";

    public static JsonObject Group(string status = "firing", string groupKey = "{}:{alertname=\"HighErrorRate\"}", int alerts = 1,
        DateTimeOffset? startsAt = null, DateTimeOffset? endsAt = null, string? expr = "rate(http_errors_total[5m]) > 1")
    {
        var starts = startsAt ?? DateTimeOffset.UtcNow.AddMinutes(-10);
        var list = new JsonArray();
        for (var i = 0; i < alerts; i++)
            list.Add(new JsonObject
            {
                ["status"] = status,
                ["labels"] = new JsonObject { ["alertname"] = "HighErrorRate", ["severity"] = "critical", ["service"] = "checkout", ["instance"] = $"pod-{i}" },
                ["annotations"] = new JsonObject
                {
                    ["summary"] = $"Errors on pod-{i} <!channel>",
                    ["description"] = "More than 1 error per second for 5 minutes",
                    ["runbook_url"] = "https://runbooks.example.com/high-error-rate",
                },
                ["startsAt"] = starts.ToString("O"),
                ["endsAt"] = (endsAt ?? DateTimeOffset.MinValue).ToString("O"),
                ["generatorURL"] = expr is null ? "" : "http://prometheus:9090/graph?g0.expr=" + Uri.EscapeDataString(expr) + "&g0.tab=1",
                ["fingerprint"] = $"f{i:D15}",
            });
        return new JsonObject
        {
            ["version"] = "4",
            ["groupKey"] = groupKey,
            ["truncatedAlerts"] = 0,
            ["status"] = status,
            ["receiver"] = "chatops",
            ["groupLabels"] = new JsonObject { ["alertname"] = "HighErrorRate" },
            ["commonLabels"] = new JsonObject { ["alertname"] = "HighErrorRate", ["severity"] = "critical", ["service"] = "checkout" },
            ["commonAnnotations"] = new JsonObject(),
            ["externalURL"] = "http://alertmanager:9093",
            ["alerts"] = list,
        };
    }

    public static Dictionary<string, string> Settings() => new()
    {
        ["Alerts:WebhookToken"] = Token,
        ["Alerts:DefaultChannel"] = Channel,
    };
}
