using PuppeteerSharp;

namespace ChatOps.Rendering.Pages;

/// <summary>
/// The Grafana token rides on requests to the shortcut's own origin only. Every request is intercepted and its
/// headers set explicitly, so a redirect to another origin (an SSO hop) or a CDN the page pulls in never carries it.
/// </summary>
internal static class TokenRoutes
{
    public static async Task InstallAsync(IPage page, Uri url, string token)
    {
        var origin = url.GetLeftPart(UriPartial.Authority);
        await page.SetRequestInterceptionAsync(true).ConfigureAwait(false);
        page.Request += async (_, e) =>
        {
            var headers = e.Request.Headers.Where(h => !h.Key.Equals("authorization", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(h => h.Key, h => h.Value);
            if (Uri.TryCreate(e.Request.Url, UriKind.Absolute, out var target) && target.GetLeftPart(UriPartial.Authority).Equals(origin, StringComparison.OrdinalIgnoreCase))
                headers["Authorization"] = "Bearer " + token;
            try
            {
                await e.Request.ContinueAsync(new Payload { Headers = headers }).ConfigureAwait(false);
            }
            catch (PuppeteerException)
            {
                // The page closed (timeout or cancellation) while this request was paused.
            }
        };
    }
}
