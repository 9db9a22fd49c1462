using System.Diagnostics;
using System.Globalization;
using ChatOps.Core.Graphs;
using ChatOps.Core.Ops.Model;
using ChatOps.Functions.Rendering;
using Microsoft.Extensions.Logging.Abstractions;

// Render time of a PromQL chart (4 series x 240 points, 1200x600) through Debian's Chromium:
// cold = a new renderer per render (browser launch included), warm = one renderer reused.
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var from = DateTimeOffset.UtcNow.AddHours(-1);
var series = Enumerable.Range(0, 4).Select(s => new MetricSeries(
    new Dictionary<string, string> { ["instance"] = $"api-{s}:8080", ["job"] = "api" },
    Enumerable.Range(0, 240).Select(i => new MetricPoint(from.AddSeconds(15 * i), 100 + 40 * s + 30 * Math.Sin(i / 12.0 + s))).ToList())).ToList();
var html = ChartPage.Render(series, "p99 latency", from, from.AddHours(1), "ms", 1200, 600);
var options = new GraphOptions();

var cold = new List<double>();
for (var i = 0; i < runs; i++)
{
    var watch = Stopwatch.StartNew();
    await using (var renderer = new PlaywrightGraphRenderer(options, NullLogger<PlaywrightGraphRenderer>.Instance))
        await renderer.RenderHtmlAsync(html, 1200, 600);
    cold.Add(watch.Elapsed.TotalMilliseconds);
}

var warm = new List<double>();
await using (var renderer = new PlaywrightGraphRenderer(options, NullLogger<PlaywrightGraphRenderer>.Instance))
{
    await renderer.RenderHtmlAsync(html, 1200, 600);
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await renderer.RenderHtmlAsync(html, 1200, 600);
        warm.Add(watch.Elapsed.TotalMilliseconds);
    }
}

Console.WriteLine($"renders per mode: {runs}; chart: 4 series x 240 points, 1200x600 PNG");
Console.WriteLine($"cold (browser launch included): median {Percentile(cold, 50):0} ms, p95 {Percentile(cold, 95):0} ms, max {cold.Max():0} ms");
Console.WriteLine($"warm (browser reused):          median {Percentile(warm, 50):0} ms, p95 {Percentile(warm, 95):0} ms, max {warm.Max():0} ms");

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    var rank = p / 100 * (sorted.Count - 1);
    var low = (int)Math.Floor(rank);
    return sorted[low] + (sorted[Math.Min(low + 1, sorted.Count - 1)] - sorted[low]) * (rank - low);
}
