namespace ChatOps.Core.Graphs;

/// <summary>The renderer seam: a headless browser that turns a page into a PNG. Failures are
/// <see cref="Failures.ServiceFailureException"/>s (a render timeout is answered, not retried).</summary>
public interface IGraphRenderer
{
    /// <summary>Renders self-contained HTML (no network) at width x height.</summary>
    Task<byte[]> RenderHtmlAsync(string html, int width, int height, CancellationToken ct = default);

    /// <summary>Loads a page, waits until it settles (network idle, and <paramref name="waitFor"/> if given), and
    /// captures that element or the page. <paramref name="bearerToken"/> goes to the page's own origin only.</summary>
    Task<byte[]> ScreenshotAsync(Uri url, string? waitFor, string? bearerToken, int width, int height, CancellationToken ct = default);
}
