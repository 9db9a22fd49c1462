using ChatOps.Functions;
using ChatOps.Tests.OpsService;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Graphs;

/// <summary>`graph` end to end: real Prometheus → Ops service QueryRange → SVG chart → Chromium → PNG → Slack upload flow.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GraphEndToEndTests(PrometheusStack stack) : IClassFixture<PrometheusStack>, IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _app = await TestApp.StartAsync(_slack, new Dictionary<string, string>
        {
            ["Ops:Endpoint"] = stack.Ops.Endpoint,
            ["Graphs:Shortcuts:scrapes:Query"] = "up",
            ["Graphs:Shortcuts:scrapes:Title"] = "Scrape health",
            ["Graphs:Shortcuts:scrapes:Range"] = "00:01:00",
            ["Graphs:Shortcuts:scrapes:Step"] = "00:00:01",
            ["Graphs:Shortcuts:nothing:Query"] = "no_such_metric_at_all",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task PromQLShortcut_IsRenderedToAPng_AndUploadedIntoTheThread()
    {
        // Enough scrapes for a line (one per second).
        await stack.Prometheus.WaitUntilAsync("/api/v1/query?query=count_over_time(up%5B1m%5D)",
            j => double.Parse((string)j!["data"]!["result"]![0]!["value"]![1]!, System.Globalization.CultureInfo.InvariantCulture) >= 8,
            TimeSpan.FromSeconds(30));

        var status = await _app.InvokeWorkerAsync(Envelopes.Mention("graph scrapes", threadTs: "1700000300.000300"));

        Assert.Equal(200, status);
        Assert.Equal(["auth.test", "files.getUploadURLExternal", "upload", "files.completeUploadExternal"], _slack.Calls.Select(c => c.Method));
        var ask = _slack.CallsTo("files.getUploadURLExternal").Single();
        var upload = _slack.CallsTo("upload").Single();
        var complete = _slack.CallsTo("files.completeUploadExternal").Single();
        Assert.Equal("graph-scrapes.png", ask.Form("filename"));
        Assert.Equal(upload.Bytes.Length.ToString(), ask.Form("length"));
        Assert.StartsWith("Scrape health: 1 series", ask.Form("alt_txt"));
        Assert.Equal("", upload.Authorization);
        Assert.Equal("C0CHAN1", complete.Form("channel_id"));
        Assert.Equal("1700000300.000300", complete.Form("thread_ts"));
        Assert.Contains("*Scrape health*", complete.Form("initial_comment"));

        // Kept for a person to look at when this fails.
        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), "chatops-graph-e2e.png"), upload.Bytes);
        var png = Png.Decode(upload.Bytes);
        Assert.Equal((1200, 600), (png.Width, png.Height));
        Assert.Equal((255, 255, 255), png.At(0, 0));
        Assert.True(png.CountNot((255, 255, 255)) > 5_000, "the chart is (nearly) blank");
        // The series line is drawn in the first palette colour (#1f77b4).
        Assert.True(png.Count(p => Math.Abs(p.R - 0x1f) < 30 && Math.Abs(p.G - 0x77) < 30 && Math.Abs(p.B - 0xb4) < 30) > 100, "no series line");
    }

    [Fact]
    public async Task EmptyResult_IsAReply_NotABlankImage()
    {
        await _app.InvokeWorkerAsync(Envelopes.Mention("graph nothing"));

        Assert.Empty(_slack.CallsTo("upload"));
        Assert.StartsWith("No data for `no_such_metric_at_all`", _slack.CallsTo("chat.postMessage").Single().Str("text"));
    }

    [Fact]
    public async Task UnknownShortcut_ListsTheShortcuts_WithTheClosestSuggested()
    {
        await _app.InvokeWorkerAsync(Envelopes.Mention("graph scrape"));

        var text = _slack.CallsTo("chat.postMessage").Single().Str("text")!;
        Assert.StartsWith("There is no graph shortcut `scrape`. Did you mean `scrapes`?", text);
        Assert.Contains("Graph shortcuts: nothing, scrapes", text);
        Assert.Empty(_slack.CallsTo("upload"));
    }
}
