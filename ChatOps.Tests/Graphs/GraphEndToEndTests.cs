using System.Text.Json.Nodes;
using ChatOps.Core.Audit;
using ChatOps.Core.Graphs;
using ChatOps.Functions;
using ChatOps.Rendering;
using ChatOps.Tests.OpsService;
using ChatOps.Tests.Rendering;
using ChatOps.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.Tests.Graphs;

/// <summary>`graph` end to end: real Prometheus → Ops service QueryRange → chart drawn in process → PNG → Slack upload
/// flow, with no browser; and a URL shortcut whose page stays white, which is answered and audited, not uploaded.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GraphEndToEndTests(PrometheusStack stack) : IClassFixture<PrometheusStack>, IAsyncLifetime
{
    private readonly RecordingLoggerProvider _logs = new();
    private FakeSlackApi _slack = null!;
    private TestApp _app = null!;
    private WebApplication _pages = null!;

    public async Task InitializeAsync()
    {
        (_pages, var pages) = await LoopbackSite.StartAsync(app =>
            app.MapGet("/white", () => Results.Content("<html><body style='margin:0;background:#fff'></body></html>", "text/html")));
        _slack = await FakeSlackApi.StartAsync();
        _app = await TestApp.StartAsync(_slack, new Dictionary<string, string>
        {
            ["Ops:Endpoint"] = stack.Ops.Endpoint,
            ["Graphs:Shortcuts:scrapes:Query"] = "up",
            ["Graphs:Shortcuts:scrapes:Title"] = "Scrape health",
            ["Graphs:Shortcuts:scrapes:Range"] = "00:01:00",
            ["Graphs:Shortcuts:scrapes:Step"] = "00:00:01",
            ["Graphs:Shortcuts:nothing:Query"] = "no_such_metric_at_all",
            ["Graphs:Shortcuts:status:Url"] = pages + "/white",
            ["Graphs:Shortcuts:status:Timeout"] = "00:00:04",
            ["Logging:LogLevel:ChatOps.Audit"] = "Information",
        }, services => services.AddSingleton<ILoggerProvider>(_logs));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
        await _pages.DisposeAsync();
    }

    [Fact]
    public async Task PromQLShortcut_IsRenderedToAPng_AndUploadedIntoTheThread()
    {
        await EnoughScrapesForALineAsync();

        var chromiumBefore = BrowserProcesses.AnyChromium();
        var status = await _app.InvokeWorkerAsync(Envelopes.Mention("graph scrapes", threadTs: "1700000300.000300"));
        AssertNoBrowserStarted(chromiumBefore);

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
    public async Task AnAdHocQuery_IsDrawnFromThePrometheusData_WithoutStartingABrowser()
    {
        await EnoughScrapesForALineAsync();

        var chromiumBefore = BrowserProcesses.AnyChromium();
        var status = await _app.InvokeWorkerAsync(Envelopes.Mention("graph query=up range=1m"));

        Assert.Equal(200, status);
        AssertNoBrowserStarted(chromiumBefore);
        var complete = _slack.CallsTo("files.completeUploadExternal").Single();
        Assert.Contains("`up`", complete.Form("initial_comment"));
        Assert.StartsWith("up: 1 series, ", _slack.CallsTo("files.getUploadURLExternal").Single().Form("alt_txt"));
        var png = Png.Decode(_slack.CallsTo("upload").Single().Bytes);
        Assert.Equal((1200, 600), (png.Width, png.Height));
        Assert.True(png.Count(p => Math.Abs(p.R - 0x1f) < 30 && Math.Abs(p.G - 0x77) < 30 && Math.Abs(p.B - 0xb4) < 30) > 100, "no series line");
    }

    [Fact]
    public async Task EmptyResult_IsANoDataPicture_WithTheQueryAndRangeInTheComment()
    {
        await _app.InvokeWorkerAsync(Envelopes.Mention("graph nothing"));

        var complete = _slack.CallsTo("files.completeUploadExternal").Single();
        Assert.StartsWith("No data for `no_such_metric_at_all` between ", complete.Form("initial_comment"));
        var png = Png.Decode(_slack.CallsTo("upload").Single().Bytes);
        Assert.Equal((1200, 600), (png.Width, png.Height));
        Assert.True(png.CountNot((255, 255, 255)) > 5_000, "the no-data picture is (nearly) blank");
    }

    [Fact]
    public async Task APageThatStaysWhite_IsAnsweredRenderedBlank_NotUploaded_AndAudited()
    {
        await _app.InvokeWorkerAsync(Envelopes.Mention("graph status"));

        Assert.Empty(_slack.CallsTo("upload"));
        var text = _slack.CallsTo("chat.postMessage").Single().Str("text")!;
        Assert.Matches(@"^:warning: The page for `status` on `127\.0\.0\.1` rendered blank after \d+(\.\d)? s, so nothing was uploaded\.", text);
        var audit = _logs.Lines.Where(l => l.Category == AuditLog.Category)
            .Select(l => JsonNode.Parse(l.Message[l.Message.IndexOf('{')..])!.AsObject()).Single();
        Assert.Equal("rendered_blank", (string?)audit["outcome"]);
        Assert.Equal("graph", (string?)audit["command"]);
    }

    /// <summary>One scrape per second: eight of them make a line, not a dot.</summary>
    private Task EnoughScrapesForALineAsync() => stack.Prometheus.WaitUntilAsync("/api/v1/query?query=count_over_time(up%5B1m%5D)",
        j => double.Parse((string)j!["data"]!["result"]![0]!["value"]![1]!, System.Globalization.CultureInfo.InvariantCulture) >= 8,
        TimeSpan.FromSeconds(30));

    /// <summary>The renderer never launched its browser, and no Chromium appeared as a child of this process.</summary>
    private void AssertNoBrowserStarted(IReadOnlyList<int> chromiumBefore)
    {
        var renderer = (GraphRenderer)_app.Services.GetRequiredService<IGraphRenderer>();
        Assert.False(renderer.BrowserRunning, "a PromQL graph started a browser");
        Assert.Empty(BrowserProcesses.WithFlag(renderer.InstanceMarker));
        Assert.DoesNotContain(BrowserProcesses.AnyChromium().Except(chromiumBefore), IsChildOfThisProcess);
    }

    private static bool IsChildOfThisProcess(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
            return parent == Environment.ProcessId;
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return false;
        }
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
