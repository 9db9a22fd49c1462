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

    /// <summary>A click on the alert message's Silence menu (static_select) as Slack sends it: the form field payload.</summary>
    public static string MenuClick(string actionId, string value, string user, string responseUrl, string channel = Channel,
        string messageTs = "1700000000.000002", string triggerId = "777.666.menu")
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = user, ["username"] = "someone", ["team_id"] = "T0001" },
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = channel },
            ["trigger_id"] = triggerId,
            ["team"] = new JsonObject { ["id"] = "T0001" },
            ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "alerts" },
            ["message"] = new JsonObject { ["type"] = "message", ["ts"] = messageTs, ["text"] = "FIRING" },
            ["response_url"] = responseUrl,
            ["actions"] = new JsonArray(new JsonObject
            {
                ["action_id"] = actionId, ["block_id"] = "b1", ["type"] = "static_select", ["action_ts"] = "1700000010.000001",
                ["selected_option"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Silence 4h" }, ["value"] = value },
            }),
        };
        return "payload=" + Uri.EscapeDataString(payload.ToJsonString());
    }

    /// <summary>A click on a button of the alert message.</summary>
    public static string ButtonClick(string actionId, string value, string user, string responseUrl, string triggerId = "555.444.button") =>
        SlackRequests.BlockActions(actionId, value, user, Channel, responseUrl, "1700000000.000002", triggerId);

    /// <summary>Every string in a call's blocks, unescaped from JSON, one per line.</summary>
    public static string Texts(RecordedCall call) => string.Join("\n", Strings(call.Json["blocks"]));

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
