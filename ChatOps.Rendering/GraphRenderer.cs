using ChatOps.Core.Failures;
using ChatOps.Core.Graphs;
using ChatOps.Rendering.Charts;
using ChatOps.Rendering.Pages;
using Microsoft.Extensions.Logging;
using PuppeteerSharp;

namespace ChatOps.Rendering;

/// <summary>
/// The renderer seam: PromQL charts drawn in process (<see cref="SkiaChart"/>), pages captured in Chromium, which is
/// started only when a URL shortcut is first used. At most MaxConcurrentRenders captures at once, each bounded by
/// its timeout; a capture whose browser died under it is tried once more on a new one.
/// </summary>
public sealed class GraphRenderer(GraphOptions options, ILogger<GraphRenderer> log) : IGraphRenderer, IAsyncDisposable
{
    /// <summary>A page counts as drawn once the network is idle and nothing in it changed for this long. Not a setting:
    /// a Grafana panel's last repaint comes well within it, and Grafana's own signal is waited for besides.</summary>
    public static readonly TimeSpan QuietWindow = TimeSpan.FromMilliseconds(500);

    private readonly Chromium _chromium = new(options, log);
    private readonly SemaphoreSlim _captures = new(Math.Max(1, options.MaxConcurrentRenders));

    /// <summary>The flag on this renderer's Chromium command line (tests find its processes by it).</summary>
    internal string InstanceMarker => _chromium.InstanceMarker;

    /// <summary>Whether a browser is running for this renderer.</summary>
    public bool BrowserRunning => _chromium.Running;

    public Task<byte[]> DrawChartAsync(ChartSpec chart, CancellationToken ct = default) => Task.FromResult(SkiaChart.Draw(chart));

    public Task<byte[]> DrawFlameGraphAsync(FlameGraphSpec flame, CancellationToken ct = default) => Task.FromResult(Flames.FlameGraph.Draw(flame));

    public async Task<PageCapture> CapturePageAsync(PageRequest page, CancellationToken ct = default)
    {
        await _captures.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            try
            {
                return await OnceAsync(page, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsBrowserGone(ex) && !ct.IsCancellationRequested && !_chromium.Running)
            {
                log.LogWarning(ex, "The browser died during a capture of {Host}; relaunching and trying once more", page.Url.Host);
                return await OnceAsync(page, ct).ConfigureAwait(false);
            }
        }
        catch (WaitTaskTimeoutException)
        {
            throw TimedOut(page);
        }
        catch (TimeoutException)
        {
            throw TimedOut(page);
        }
        catch (Exception ex) when (ex is PuppeteerException && !ct.IsCancellationRequested)
        {
            log.LogWarning(ex, "Capture of {Host} failed", page.Url.Host);
            throw new ServiceFailureException($"The page on {page.Url.Host} could not be captured: {Chromium.FirstLine(ex.Message)}", FailureHandling.Answer, ex);
        }
        finally
        {
            _captures.Release();
        }
    }

    private async Task<PageCapture> OnceAsync(PageRequest page, CancellationToken ct)
    {
        var browser = await _chromium.BrowserAsync(ct).ConfigureAwait(false);
        var work = PageCapturer.CaptureAsync(browser, page, QuietWindow, ct);
        // PuppeteerSharp's calls take no token: a hard stop a little after the capture's own deadline.
        var finished = await Task.WhenAny(work, Task.Delay(page.Timeout + TimeSpan.FromSeconds(5), ct)).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        if (finished != work)
        {
            _ = work.ContinueWith(t => t.Exception, TaskScheduler.Default);   // observed; the context is closed with the page
            throw TimedOut(page);
        }
        return await work.ConfigureAwait(false);
    }

    private static bool IsBrowserGone(Exception ex) => ex is TargetClosedException or ProcessException ||
        (ex is PuppeteerException && (ex.Message.Contains("closed", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("disconnected", StringComparison.OrdinalIgnoreCase)));

    private static ServiceFailureException TimedOut(PageRequest page) =>
        new($"The page on {page.Url.Host} took longer than {page.Timeout.TotalSeconds:0} s to draw and was stopped.", FailureHandling.Answer);

    public ValueTask DisposeAsync() => _chromium.DisposeAsync();
}
