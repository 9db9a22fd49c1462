namespace ChatOps.Core.Graphs;

/// <summary>The renderer seam. Charts are drawn in process; only pages (URL shortcuts) need a browser.
/// Failures are <see cref="Failures.ServiceFailureException"/>s (a render timeout is answered, not retried).</summary>
public interface IGraphRenderer
{
    /// <summary>Draws a PromQL chart to a PNG; a chart with no data is a picture that says so, with the query and range.</summary>
    Task<byte[]> DrawChartAsync(ChartSpec chart, CancellationToken ct = default);

    /// <summary>Loads a page, waits until it has drawn (or <see cref="PageRequest.WaitFor"/> appears), and captures it.
    /// A capture of one colour comes back with <see cref="PageCapture.Blank"/> set.</summary>
    Task<PageCapture> CapturePageAsync(PageRequest page, CancellationToken ct = default);

    /// <summary>Draws a profile's call tree as a flame graph PNG (callers above callees, the widest path on the left).</summary>
    Task<byte[]> DrawFlameGraphAsync(FlameGraphSpec flame, CancellationToken ct = default);
}
