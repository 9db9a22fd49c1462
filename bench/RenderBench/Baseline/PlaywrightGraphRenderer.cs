using ChatOps.Core.Failures;
using ChatOps.Core.Graphs;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace RenderBench.Baseline;

/// <summary>The Playwright renderer the app used before charts were drawn in process, kept as the bench baseline.
/// The renderer seam on headless Chromium through Playwright: one browser per process, launched on
/// first use and again if it died; a fresh context per render; at most MaxConcurrentRenders at once;
/// every render bounded by RenderTimeout.
/// </summary>
public sealed class PlaywrightGraphRenderer(GraphOptions options, ILogger<PlaywrightGraphRenderer> log) : IAsyncDisposable, IDisposable
{
    /// <summary>An inert flag on this renderer's Chromium command line, so its processes can be told apart.</summary>
    internal string InstanceMarker { get; } = "--chatops-renderer=" + Guid.NewGuid().ToString("N");

    // For a closed network: no background fetches, no first-run work.
    private static readonly string[] Flags =
    [
        "--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--mute-audio",
    ];

    // Chromium refuses to start its sandbox as root; anyone else keeps it (URL shortcuts load arbitrary pages).
    private static readonly string[] RootFlags = Environment.UserName == "root" ? ["--no-sandbox"] : [];

    private readonly SemaphoreSlim _renders = new(Math.Max(1, options.MaxConcurrentRenders));
    private readonly SemaphoreSlim _launch = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Task<byte[]> RenderHtmlAsync(string html, int width, int height, CancellationToken ct = default) =>
        WithPageAsync(width, height, async page =>
        {
            await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load });
            return await page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Png });
        }, ct);

    public Task<byte[]> ScreenshotAsync(Uri url, string? waitFor, string? bearerToken, int width, int height, CancellationToken ct = default) =>
        WithPageAsync(width, height, async page =>
        {
            if (!string.IsNullOrEmpty(bearerToken))
            {
                // The token goes to the shortcut's own origin only, never to a CDN the page pulls in.
                var origin = url.GetLeftPart(UriPartial.Authority);
                await page.RouteAsync("**/*", async route =>
                {
                    if (route.Request.Url.StartsWith(origin + "/", StringComparison.OrdinalIgnoreCase) || route.Request.Url == origin)
                    {
                        // Fetched here without following redirects, so a redirect comes back through this
                        // route and its origin is checked again: the token never follows a hop elsewhere.
                        var headers = new Dictionary<string, string>(route.Request.Headers) { ["authorization"] = "Bearer " + bearerToken };
                        var response = await route.FetchAsync(new RouteFetchOptions { Headers = headers, MaxRedirects = 0 });
                        await route.FulfillAsync(new RouteFulfillOptions { Response = response });
                    }
                    else await route.ContinueAsync();
                });
            }
            var timeout = (float)options.RenderTimeout.TotalMilliseconds;
            await page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle, Timeout = timeout });
            if (string.IsNullOrEmpty(waitFor)) return await page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Png });
            var element = page.Locator(waitFor).First;
            await element.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = timeout });
            return await element.ScreenshotAsync(new LocatorScreenshotOptions { Type = ScreenshotType.Png });
        }, ct);

    private async Task<byte[]> WithPageAsync(int width, int height, Func<IPage, Task<byte[]>> render, CancellationToken ct)
    {
        await _renders.WaitAsync(ct);
        try
        {
            try
            {
                return await RenderOnceAsync(width, height, render, ct);
            }
            catch (PlaywrightException ex) when (!ct.IsCancellationRequested && _browser is not { IsConnected: true })
            {
                // The browser died under this render (before Playwright noticed): once more on a new one.
                log.LogWarning(ex, "The browser died during a render; relaunching and trying once more");
                return await RenderOnceAsync(width, height, render, ct);
            }
        }
        catch (PlaywrightException ex) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(ex, "Render failed");
            throw new ServiceFailureException($"The graph could not be rendered: {FirstLine(ex.Message)}", FailureHandling.Answer, ex);
        }
        finally
        {
            _renders.Release();
        }
    }

    private async Task<byte[]> RenderOnceAsync(int width, int height, Func<IPage, Task<byte[]>> render, CancellationToken ct)
    {
        try
        {
            var browser = await BrowserAsync(ct);
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = width, Height = height },
                DeviceScaleFactor = 1,
            });
            context.SetDefaultTimeout((float)options.RenderTimeout.TotalMilliseconds);
            var page = await context.NewPageAsync();
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var work = render(page);
            var finished = await Task.WhenAny(work, Task.Delay(options.RenderTimeout, timer.Token));
            timer.Cancel();
            ct.ThrowIfCancellationRequested();
            if (finished != work) throw TimedOut();
            return await work;
        }
        catch (TimeoutException)
        {
            throw TimedOut();
        }
    }

    private ServiceFailureException TimedOut() =>
        new($"Rendering the graph took longer than {options.RenderTimeout.TotalSeconds:0} s and was stopped.", FailureHandling.Answer);

    private async Task<IBrowser> BrowserAsync(CancellationToken ct)
    {
        if (_browser is { IsConnected: true } running) return running;
        await _launch.WaitAsync(ct);
        try
        {
            if (_browser is { IsConnected: true } again) return again;
            if (_browser is not null)
            {
                log.LogWarning("The browser died; launching a new one");
                try
                {
                    await _browser.DisposeAsync();
                }
                catch (PlaywrightException)
                {
                    // Already gone; nothing to release.
                }
            }
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = options.ChromiumPath,
                Args = [.. Flags, .. RootFlags, InstanceMarker],
                Timeout = 30_000,
            });
            return _browser;
        }
        catch (PlaywrightException ex)
        {
            throw new ServiceFailureException($"Chromium could not start from {options.ChromiumPath}: {FirstLine(ex.Message)}", FailureHandling.Retry, ex);
        }
        finally
        {
            _launch.Release();
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        _browser = null;
        _playwright = null;
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
