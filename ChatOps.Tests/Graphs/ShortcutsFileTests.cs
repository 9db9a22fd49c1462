using ChatOps.Functions;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Graphs;

/// <summary>Shortcuts come from app settings and from a JSON file; a setting overrides the file.</summary>
public sealed class ShortcutsFileTests
{
    [Fact]
    public async Task ListGraphShortcuts_ShowsFileAndSettingShortcuts_WithTheSettingWinning()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("shortcuts-").FullName, "graphs.json");
        await File.WriteAllTextAsync(file, """
            { "Graphs": { "Shortcuts": {
                "latency": { "Query": "histogram_quantile(0.99, rate(http_duration_seconds_bucket[5m]))", "Title": "p99 latency", "Range": "06:00:00" },
                "errors": { "Query": "rate(http_errors_total[5m])", "Title": "Errors (from file)" }
            } } }
            """);
        await using var slack = await FakeSlackApi.StartAsync();
        await using var app = await TestApp.StartAsync(slack, new Dictionary<string, string>
        {
            ["Graphs:ShortcutsFile"] = file,
            ["Graphs:Shortcuts:errors:Title"] = "Errors (from a setting)",
            ["Graphs:Shortcuts:panel:Url"] = "https://grafana.example.com/d-solo/abc?panelId=2&from={from}&to={to}",
        });

        await app.InvokeWorkerAsync(Envelopes.Mention("list graph shortcuts"));

        var post = slack.CallsTo("chat.postMessage").Single();
        var rows = post.Json["blocks"]!.AsArray().Single(b => (string?)b!["type"] == "table")!["rows"]!.AsArray()
            .Skip(1).Select(r => string.Join(" | ", r!.AsArray().Select(c => (string?)c!["text"]))).ToList();
        Assert.Equal(["errors | Errors (from a setting) | PromQL | 1h", "latency | p99 latency | PromQL | 6h", "panel | panel | page | 1h"], rows);
    }
}
