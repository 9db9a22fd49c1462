using ChatOps.Core.Failures;
using ChatOps.Core.Graphs;
using ChatOps.Rendering;
using ChatOps.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.Tests.Rendering;

/// <summary>URL shortcuts in Chromium: pages that draw late are captured drawn, a white page is reported blank,
/// the token stays on its origin, a dead browser is replaced. Timeouts are generous: the machine is shared.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageCaptureTests : IAsyncLifetime
{
    private static readonly (byte, byte, byte) Red = (0xd6, 0x27, 0x28);
    private readonly GraphRenderer _renderer = new(new GraphOptions(), NullLogger<GraphRenderer>.Instance);
    private WebApplication _site = null!;
    private WebApplication _elsewhere = null!;
    private string _url = "";
    private readonly List<string> _authorizations = [];
    private readonly List<string> _elsewhereAuthorizations = [];
    private readonly List<(DateTime Start, DateTime End)> _slowServed = [];

    // A "dashboard" whose panel is drawn some time after load (as Grafana panels wait for their query):
    // on a canvas, so no DOM change announces it, after a "Loading…" line.
    private static string LatePanel(int delayMs) => $$"""
        <!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0;background:#fff">
        <div id="loading">Loading…</div>
        <canvas id="panel" width="400" height="300"></canvas>
        <script>
          setTimeout(() => {
            document.getElementById('panel').getContext('2d').fillStyle = '#d62728';
            document.getElementById('panel').getContext('2d').fillRect(0, 0, 400, 300);
          }, {{delayMs}});
        </script></body></html>
        """;

    // Grafana as its image renderer sees it: the panel is drawn after a query that nothing else announces (no
    // request, no one-shot timer, no DOM change while it runs; an interval stands in for Grafana's scheduler),
    // over a "Loading…" state that is not blank. Only Grafana's own signal says the capture must wait.
    // Scenes: window.__grafanaSceneContext with window.__grafanaRunningQueryCount falling to 0.
    // Older Grafana: window.panelsRendered reaching the number of .panel-solo elements.
    private static string GrafanaPanel(bool scenes, int delayMs) => $$"""
        <!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0;background:#fff">
        <div class="panel-solo" style="width:400px;height:300px;position:relative">
          <div id="loading" style="font:32px sans-serif;color:#444;padding:20px">Loading…</div>
          <canvas id="panel" width="400" height="300" style="position:absolute;left:0;top:0"></canvas>
        </div>
        <script>
          window.grafanaBootData = { settings: {} };
          {{(scenes ? "window.__grafanaSceneContext = {}; window.__grafanaRunningQueryCount = 1;" : "")}}
          const started = performance.now();
          const tick = setInterval(() => {
            if (performance.now() - started < {{delayMs}}) return;
            clearInterval(tick);
            const g = document.getElementById('panel').getContext('2d');
            g.fillStyle = '#d62728';
            g.fillRect(0, 0, 400, 300);
            {{(scenes ? "window.__grafanaRunningQueryCount = 0;" : "window.panelsRendered = (window.panelsRendered || 0) + 1;")}}
          }, 100);
        </script></body></html>
        """;

    public async Task InitializeAsync()
    {
        (_elsewhere, var elsewhere) = await LoopbackSite.StartAsync(app => app.MapGet("/login", (HttpRequest request) =>
        {
            lock (_elsewhereAuthorizations) _elsewhereAuthorizations.Add(request.Headers.Authorization.ToString());
            return Results.Content("<html><body style='margin:0;background:#9467bd'><div id='panel' style='width:100px;height:100px;background:#fff'></div></body></html>", "text/html");
        }));
        (_site, _url) = await LoopbackSite.StartAsync(app =>
        {
            app.MapGet("/late/{ms:int}", (int ms, HttpRequest request) =>
            {
                lock (_authorizations) _authorizations.Add(request.Headers.Authorization.ToString());
                return Results.Content(LatePanel(ms), "text/html");
            });
            app.MapGet("/d-solo/scenes/{ms:int}", (int ms) => Results.Content(GrafanaPanel(scenes: true, ms), "text/html"));
            app.MapGet("/d-solo/legacy/{ms:int}", (int ms) => Results.Content(GrafanaPanel(scenes: false, ms), "text/html"));
            // A Scenes panel whose query is quicker than a polling interval: seen by its data request.
            app.MapPost("/api/ds/query", () => Results.Json(new { results = new { } }));
            app.MapGet("/d-solo/quick", () => Results.Content("""
                <!DOCTYPE html><html><body style="margin:0;background:#fff"><canvas id="panel" width="400" height="300"></canvas>
                <script>
                  window.grafanaBootData = {}; window.__grafanaSceneContext = {}; window.__grafanaRunningQueryCount = 1;
                  fetch('/api/ds/query', { method: 'POST', body: '{}' }).then(r => r.json()).then(() => {
                    const g = document.getElementById('panel').getContext('2d');
                    g.fillStyle = '#d62728'; g.fillRect(0, 0, 400, 300);
                    window.__grafanaRunningQueryCount = 0;
                  });
                </script></body></html>
                """, "text/html"));
            // A Scenes page that never runs a query (a text panel): Grafana never sets the running-query count.
            app.MapGet("/d-solo/noquery", () => Results.Content(
                "<html><body style='margin:0;background:#fff'><div style='width:300px;height:200px;background:#1f77b4'></div>" +
                "<script>window.grafanaBootData = {}; window.__grafanaSceneContext = {};</script></body></html>", "text/html"));
            // Not Grafana, though its link looks like it and a class name ends like Grafana's panel container.
            app.MapGet("/d/lookalike", () => Results.Content(
                "<html><body style='margin:0;background:#fff'><div class='tab-panel-container' style='width:300px;height:200px;background:#2ca02c'></div></body></html>", "text/html"));
            app.MapGet("/white", () => Results.Content("<html><body style='margin:0;background:#fff'></body></html>", "text/html"));
            app.MapGet("/never", () => Results.Content("<html><body>no panel here</body></html>", "text/html"));
            app.MapGet("/slow", async () =>
            {
                var start = DateTime.UtcNow;
                await Task.Delay(700);
                lock (_slowServed) _slowServed.Add((start, DateTime.UtcNow));
                return Results.Content("<html><body style='margin:0;background:#2ca02c'><div style='width:150px;height:100px;background:#fff'></div></body></html>", "text/html");
            });
            app.MapGet("/sso", () => Results.Redirect(elsewhere + "/login"));
        });
    }

    public async Task DisposeAsync()
    {
        await _renderer.DisposeAsync();
        await _site.DisposeAsync();
        await _elsewhere.DisposeAsync();
    }

    private PageRequest Page(string path, string? waitFor = null, string? token = null, int seconds = 30, int width = 1200, int height = 600, bool grafana = false) =>
        new(new Uri(_url + path), waitFor, token, width, height, grafana, TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData(1500, "chatops-page-late-1500.png")]
    [InlineData(3000, "chatops-page-late-3000.png")]
    public async Task APanelDrawnSecondsAfterLoad_IsCapturedDrawn_WithoutAWaitForSelector(int delayMs, string file)
    {
        var shot = await _renderer.CapturePageAsync(Page($"/late/{delayMs}"));

        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), file), shot.Png);
        var png = Png.Decode(shot.Png);
        Assert.False(shot.Blank);
        Assert.Equal((1200, 600), (png.Width, png.Height));
        Assert.True(png.Count(p => p == Red) > 300 * 250, "the panel was not drawn when the page was captured");
    }

    [Theory]
    [InlineData("scenes")]
    [InlineData("legacy")]
    public async Task AGrafanaPanel_IsCapturedOnceGrafanaSaysItIsDrawn_NotInItsLoadingState(string grafana)
    {
        var shot = await _renderer.CapturePageAsync(Page($"/d-solo/{grafana}/3000", grafana: true));

        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), $"chatops-page-grafana-{grafana}.png"), shot.Png);
        Assert.True(shot.Waited >= TimeSpan.FromSeconds(3), $"captured after {shot.Waited}, before the panel's query ended");
        Assert.True(Png.Decode(shot.Png).Count(p => p == Red) > 300 * 250, "the panel was not drawn when the page was captured");
        Assert.True(shot.GrafanaPage);
    }

    [Fact]
    public async Task AScenesQueryQuickerThanAPoll_IsStillSeen_SoTheFirstQueryWaitIsNotSpent()
    {
        var shot = await _renderer.CapturePageAsync(Page("/d-solo/quick", seconds: 20, grafana: true));

        Assert.True(Png.Decode(shot.Png).Count(p => p == Red) > 300 * 250, "the panel was not drawn when the page was captured");
        // Not seen, the page would be held until 3 s after its start for a first query (then captured at about 3.3 s).
        Assert.True(shot.Waited < TimeSpan.FromSeconds(2.9), $"waited {shot.Waited}");
    }

    [Fact]
    public async Task AScenesPageThatNeverRunsAQuery_IsCapturedAfterTheFirstQueryWait_NotAtItsTimeout()
    {
        var shot = await _renderer.CapturePageAsync(Page("/d-solo/noquery", seconds: 20, grafana: true));

        Assert.False(shot.Blank);
        Assert.True(shot.GrafanaPage);
        Assert.InRange(shot.Waited, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(12));
    }

    [Fact]
    public async Task APageTakenForGrafanaThatIsNot_IsCapturedWithoutWaitingForGrafana_AndSaysSo()
    {
        var shot = await _renderer.CapturePageAsync(Page("/d/lookalike", seconds: 20, grafana: true));

        Assert.False(shot.Blank);
        Assert.False(shot.GrafanaPage);
        Assert.True(shot.Waited < TimeSpan.FromSeconds(12), $"waited {shot.Waited}");
    }

    [Fact]
    public async Task WithoutGrafanasSignal_TheSamePageIsCapturedLoading_WhichIsWhatTheSignalIsFor()
    {
        // The same page not treated as Grafana: nothing it does is visible to the generic wait, so the capture
        // is taken in the loading state. Proves the test above passes because of Grafana's signal.
        var shot = await _renderer.CapturePageAsync(Page("/d-solo/scenes/6000"));

        Assert.False(shot.Blank);
        Assert.True(shot.Waited < TimeSpan.FromSeconds(6), $"waited {shot.Waited}");
        Assert.Equal(0, Png.Decode(shot.Png).Count(p => p == Red));
    }

    [Fact]
    public async Task APageThatStaysWhite_IsReportedBlank_AfterItsTimeout()
    {
        var shot = await _renderer.CapturePageAsync(Page("/white", seconds: 4));

        Assert.True(shot.Blank);
        Assert.True(shot.Waited >= TimeSpan.FromSeconds(3), $"gave up after {shot.Waited}");
    }

    [Fact]
    public async Task WaitFor_CapturesJustThatElement_AndTheTokenGoesToTheOrigin()
    {
        var shot = await _renderer.CapturePageAsync(Page("/late/1500", "#panel", "grafana-sa-token"));

        var png = Png.Decode(shot.Png);
        Assert.Equal((400, 300), (png.Width, png.Height));
        Assert.Equal(["Bearer grafana-sa-token"], _authorizations);
    }

    [Fact]
    public async Task TheToken_DoesNotFollowARedirectToAnotherOrigin()
    {
        var png = Png.Decode((await _renderer.CapturePageAsync(Page("/sso", "#panel", "grafana-sa-token", width: 800))).Png);

        Assert.Equal((100, 100), (png.Width, png.Height));
        Assert.Equal([""], _elsewhereAuthorizations);
    }

    [Fact]
    public async Task DeadBrowser_IsRelaunchedOnTheNextCapture()
    {
        Assert.False((await _renderer.CapturePageAsync(Page("/slow"))).Blank);
        Assert.True(BrowserProcesses.Kill(_renderer.InstanceMarker) > 0, "no Chromium process carried this renderer's marker");

        Assert.False((await _renderer.CapturePageAsync(Page("/slow"))).Blank);
        Assert.NotEmpty(BrowserProcesses.WithFlag(_renderer.InstanceMarker));
    }

    [Fact]
    public async Task Captures_AreBoundedByMaxConcurrentRenders()
    {
        await using var renderer = new GraphRenderer(new GraphOptions { MaxConcurrentRenders = 1 }, NullLogger<GraphRenderer>.Instance);

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => renderer.CapturePageAsync(Page("/slow", width: 300, height: 200))));

        var served = _slowServed.OrderBy(s => s.Start).ToList();
        Assert.Equal(3, served.Count);
        Assert.True(served.Zip(served.Skip(1)).All(p => p.Second.Start >= p.First.End), "two captures loaded pages at the same time");
    }

    [Fact]
    public async Task AWaitForThatNeverAppears_IsAClearTimeout()
    {
        var ex = await Assert.ThrowsAsync<ServiceFailureException>(() => _renderer.CapturePageAsync(Page("/never", "#panel", seconds: 3)));

        Assert.Equal("The page on 127.0.0.1 took longer than 3 s to draw and was stopped.", ex.UserMessage);
        Assert.Equal(FailureHandling.Answer, ex.Handling);
    }

    [Fact]
    public async Task DrawingAChart_StartsNoBrowser()
    {
        await using var renderer = new GraphRenderer(new GraphOptions(), NullLogger<GraphRenderer>.Instance);

        await renderer.DrawChartAsync(new ChartSpec([], "t", "q", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1), null, 600, 300));

        Assert.False(renderer.BrowserRunning);
        Assert.Empty(BrowserProcesses.WithFlag(renderer.InstanceMarker));
    }
}
