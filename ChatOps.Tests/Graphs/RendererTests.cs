using System.Diagnostics;
using ChatOps.Core.Failures;
using ChatOps.Core.Graphs;
using ChatOps.Functions.Rendering;
using ChatOps.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.Tests.Graphs;

/// <summary>The Chromium renderer: waiting for a page that draws late, relaunching a dead browser, timing out clearly.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RendererTests : IAsyncLifetime
{
    private readonly PlaywrightGraphRenderer _renderer = new(new GraphOptions { RenderTimeout = TimeSpan.FromSeconds(8) }, NullLogger<PlaywrightGraphRenderer>.Instance);
    private WebApplication _site = null!;
    private WebApplication _elsewhere = null!;
    private string _url = "";
    private readonly List<string> _authorizations = [];
    private readonly List<string> _elsewhereAuthorizations = [];
    private readonly List<(DateTime Start, DateTime End)> _slowServed = [];

    public async Task InitializeAsync()
    {
        // Another origin, reached by a redirect from the first (as a Grafana behind SSO would send you).
        (_elsewhere, var elsewhere) = await LoopbackSite.StartAsync(app => app.MapGet("/login", (HttpRequest request) =>
        {
            lock (_elsewhereAuthorizations) _elsewhereAuthorizations.Add(request.Headers.Authorization.ToString());
            return Results.Content("<html><body style='margin:0;background:#9467bd'><div id='panel' style='width:100px;height:100px'></div></body></html>", "text/html");
        }));

        (_site, _url) = await LoopbackSite.StartAsync(app =>
        {
            // A "dashboard" whose panel appears 1.5 s after load, the way Grafana panels wait for their query.
            app.MapGet("/d-solo/demo", (HttpRequest request) =>
            {
                lock (_authorizations) _authorizations.Add(request.Headers.Authorization.ToString());
                return Results.Content("""
                    <!DOCTYPE html><html><body style="margin:0;background:#fff">
                    <div id="loading">Loading…</div>
                    <script>
                      setTimeout(() => {
                        document.getElementById('loading').remove();
                        const panel = document.createElement('div');
                        panel.id = 'panel';
                        panel.style = 'width:400px;height:300px;background:#d62728';
                        document.body.appendChild(panel);
                      }, 1500);
                    </script></body></html>
                    """, "text/html");
            });
            app.MapGet("/never", () => Results.Content("<html><body>no panel here</body></html>", "text/html"));
            app.MapGet("/slow", async () =>
            {
                var start = DateTime.UtcNow;
                await Task.Delay(700);
                lock (_slowServed) _slowServed.Add((start, DateTime.UtcNow));
                return Results.Content("<html><body style='margin:0;background:#fff'>slow</body></html>", "text/html");
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

    [Fact]
    public async Task UrlShortcut_WaitsForThePanelDrawnLate_AndCapturesJustIt()
    {
        var png = Png.Decode(await _renderer.ScreenshotAsync(new Uri(_url + "/d-solo/demo"), "#panel", "grafana-sa-token", 1200, 600));

        Assert.Equal((400, 300), (png.Width, png.Height));
        Assert.Equal(400 * 300, png.Count(p => p == (0xd6, 0x27, 0x28)));
        Assert.Equal(["Bearer grafana-sa-token"], _authorizations);
    }

    [Fact]
    public async Task TheToken_DoesNotFollowARedirectToAnotherOrigin()
    {
        var png = Png.Decode(await _renderer.ScreenshotAsync(new Uri(_url + "/sso"), "#panel", "grafana-sa-token", 800, 600));

        Assert.Equal((100, 100), (png.Width, png.Height));
        Assert.Equal([""], _elsewhereAuthorizations);
    }

    [Fact]
    public async Task DeadBrowser_IsRelaunchedOnTheNextRender()
    {
        var html = "<html><body style='margin:0;background:#2ca02c'></body></html>";
        Assert.Equal(200 * 150, Png.Decode(await _renderer.RenderHtmlAsync(html, 200, 150)).Count(p => p == (0x2c, 0xa0, 0x2c)));

        var killed = KillBrowserProcesses(_renderer.InstanceMarker);
        Assert.True(killed > 0, "no Chromium process carried this renderer's marker");

        var again = Png.Decode(await _renderer.RenderHtmlAsync(html, 200, 150));
        Assert.Equal(200 * 150, again.Count(p => p == (0x2c, 0xa0, 0x2c)));
    }

    [Fact]
    public async Task Renders_AreBoundedByMaxConcurrentRenders()
    {
        var renderer = new PlaywrightGraphRenderer(new GraphOptions { MaxConcurrentRenders = 1, RenderTimeout = TimeSpan.FromSeconds(15) },
            NullLogger<PlaywrightGraphRenderer>.Instance);
        await using var _ = renderer;

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => renderer.ScreenshotAsync(new Uri(_url + "/slow"), null, null, 300, 200)));

        var served = _slowServed.OrderBy(s => s.Start).ToList();
        Assert.Equal(3, served.Count);
        Assert.True(served.Zip(served.Skip(1)).All(p => p.Second.Start >= p.First.End), "two renders loaded pages at the same time");
    }

    [Fact]
    public async Task PanelThatNeverAppears_IsAClearTimeout()
    {
        var renderer = new PlaywrightGraphRenderer(new GraphOptions { RenderTimeout = TimeSpan.FromSeconds(2) }, NullLogger<PlaywrightGraphRenderer>.Instance);
        await using var _ = renderer;

        var ex = await Assert.ThrowsAsync<ServiceFailureException>(() => renderer.ScreenshotAsync(new Uri(_url + "/never"), "#panel", null, 800, 600));

        Assert.Equal("Rendering the graph took longer than 2 s and was stopped.", ex.UserMessage);
        Assert.Equal(FailureHandling.Answer, ex.Handling);
    }

    private static int KillBrowserProcesses(string marker)
    {
        var killed = 0;
        foreach (var dir in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (!cmdline.Contains(marker)) continue;
                Process.GetProcessById(int.Parse(Path.GetFileName(dir))).Kill();
                killed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // The process ended between listing and reading.
            }
        }
        return killed;
    }
}
