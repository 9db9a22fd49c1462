using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace LoadGen;

public sealed partial class Bench
{
    private const string AlertToken = "bench-alertmanager-token-0123456789";

    // ---- 4. the alert path ---------------------------------------------------------------------

    /// <summary>Local mode, warm: an Alertmanager notification (a new group each time, no graph) from the POST to
    /// /api/alertmanager until the fake Slack has its chat.postMessage; queue, worker, claims and blob store included.</summary>
    public async Task AlertsAsync(BenchResults results)
    {
        var port = Child.FreePort();
        await using var child = StartTarget(Local, port, "sc", out _);
        var (make, ok) = AckRequest(Local, port);
        await WaitForAckAsync(make, ok, child, TimeSpan.FromSeconds(60));
        for (var i = 0; i < 5; i++) await RunAlertAsync(port);
        var runs = new List<(double Post, double Response)>();
        for (var i = 0; i < options.CommandRuns; i++) runs.Add(await RunAlertAsync(port));
        results.Commands.Add(Summarize("alertmanager webhook", "warm, local mode", runs));
    }

    private async Task<(double Post, double Response)> RunAlertAsync(int port)
    {
        var group = "Bench" + Guid.NewGuid().ToString("N")[..12];
        var now = DateTimeOffset.UtcNow;
        var payload = new JsonObject
        {
            ["version"] = "4", ["groupKey"] = $"{{}}:{{alertname=\"{group}\"}}", ["status"] = "firing", ["receiver"] = "chatops",
            ["groupLabels"] = new JsonObject { ["alertname"] = group },
            ["commonLabels"] = new JsonObject { ["alertname"] = group, ["severity"] = "critical" },
            ["commonAnnotations"] = new JsonObject(), ["externalURL"] = "http://alertmanager:9093", ["truncatedAlerts"] = 0,
            ["alerts"] = new JsonArray(new JsonObject
            {
                ["status"] = "firing", ["labels"] = new JsonObject { ["alertname"] = group, ["severity"] = "critical", ["instance"] = "pod-1" },
                ["annotations"] = new JsonObject { ["summary"] = "bench alert" }, ["startsAt"] = now.AddMinutes(-1).ToString("O"),
                ["endsAt"] = "0001-01-01T00:00:00Z", ["generatorURL"] = "", ["fingerprint"] = group,
            }),
        };
        var posted = fake.Next("chat.postMessage");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/api/alertmanager")
        {
            Content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", AlertToken);
        var sent = Stopwatch.GetTimestamp();
        using var response = await _probe.SendAsync(request);
        var answered = Stopwatch.GetTimestamp();
        if ((int)response.StatusCode != 200) throw new InvalidOperationException($"/api/alertmanager answered {(int)response.StatusCode}");
        var at = await posted.WaitAsync(TimeSpan.FromSeconds(60));
        return (Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds, Stopwatch.GetElapsedTime(sent, answered).TotalMilliseconds);
    }
}
