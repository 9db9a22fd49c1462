using System.Diagnostics;
using ChatOps.Core.Failures;
using ChatOps.Core.Graphs;
using PuppeteerSharp;

namespace ChatOps.Rendering.Pages;

/// <summary>
/// One capture in a fresh browser context: load, wait until drawn, screenshot. "Drawn" is network idle, then
/// <see cref="SettleScript.Settled"/> for the quiet window; a screenshot that is still one colour is retaken
/// after the next change, until the timeout. A WaitFor selector replaces all that: the element is captured
/// once visible.
/// </summary>
internal static class PageCapturer
{
    public static async Task<PageCapture> CaptureAsync(IBrowser browser, PageRequest request, TimeSpan quiet, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        int Left() => Math.Max(1, (int)(request.Timeout - clock.Elapsed).TotalMilliseconds);
        await using var context = await browser.CreateBrowserContextAsync().ConfigureAwait(false);
        await using var page = await context.NewPageAsync().ConfigureAwait(false);
        await page.SetViewportAsync(new ViewPortOptions { Width = request.Width, Height = request.Height, DeviceScaleFactor = 1 }).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(request.BearerToken)) await TokenRoutes.InstallAsync(page, request.Url, request.BearerToken).ConfigureAwait(false);
        await page.EvaluateExpressionOnNewDocumentAsync(SettleScript.Install).ConfigureAwait(false);

        try
        {
            await page.GoToAsync(request.Url.ToString(), new NavigationOptions { Timeout = Left(), WaitUntil = [WaitUntilNavigation.Networkidle0] })
                .ConfigureAwait(false);
        }
        catch (NavigationException) when (clock.Elapsed >= request.Timeout && string.IsNullOrEmpty(request.WaitFor))
        {
            // Still loading at the deadline (a stream that never idles): capture what is there; a blank is reported as such.
        }
        ct.ThrowIfCancellationRequested();

        if (!string.IsNullOrEmpty(request.WaitFor))
        {
            var element = await page.WaitForSelectorAsync(request.WaitFor, new WaitForSelectorOptions { Visible = true, Timeout = Left() })
                .ConfigureAwait(false);
            var shot = await element!.ScreenshotDataAsync(new ElementScreenshotOptions { Type = ScreenshotType.Png }).ConfigureAwait(false);
            return new PageCapture(shot, BlankCheck.IsBlank(shot), clock.Elapsed, await IsGrafanaAsync(page).ConfigureAwait(false));
        }

        while (true)
        {
            await WaitAsync(page, SettleScript.Settled, Left(), (int)quiet.TotalMilliseconds, Left(), request.Grafana).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            var since = await page.EvaluateExpressionAsync<double>(SettleScript.LastChange).ConfigureAwait(false);
            var shot = await page.ScreenshotDataAsync(new ScreenshotOptions { Type = ScreenshotType.Png }).ConfigureAwait(false);
            var blank = BlankCheck.IsBlank(shot);
            if (!blank || clock.Elapsed >= request.Timeout || !await WaitAsync(page, SettleScript.ChangedSince, Left(), since).ConfigureAwait(false))
                return new PageCapture(shot, blank, clock.Elapsed, await IsGrafanaAsync(page).ConfigureAwait(false));
        }
    }

    /// <summary>Asked after the screenshot, so a page that cannot answer (still navigating at the deadline) keeps its
    /// capture: it is then taken for not Grafana, and the reply claims no window for it.</summary>
    private static async Task<bool> IsGrafanaAsync(IPage page)
    {
        try
        {
            return await page.EvaluateExpressionAsync<bool>(SettleScript.IsGrafana).ConfigureAwait(false);
        }
        catch (PuppeteerException)
        {
            return false;
        }
    }

    /// <returns>False when the time ran out first (then the page is captured as it is).</returns>
    private static async Task<bool> WaitAsync(IPage page, string script, int timeout, params object[] args)
    {
        try
        {
            await page.WaitForFunctionAsync(script, new WaitForFunctionOptions { Timeout = timeout, PollingInterval = 100 }, args).ConfigureAwait(false);
            return true;
        }
        catch (WaitTaskTimeoutException)
        {
            return false;
        }
    }
}
