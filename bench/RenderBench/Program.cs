using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using ChatOps.Core.Graphs;
using ChatOps.Core.Ops.Model;
using ChatOps.Rendering;
using ChatOps.Rendering.Charts;
using Microsoft.Extensions.Logging.Abstractions;
using RenderBench;
using RenderBench.Baseline;

// Graph render benchmark (bench/render). A PromQL chart of 4 series x 240 points at 1200x600:
// in process (SkiaSharp) against the Chromium path it replaced (SVG page + Playwright); then a URL shortcut
// through PuppeteerSharp (the app) against Playwright (the baseline). Child mode "cold-chart" draws one chart and exits.
var from = DateTimeOffset.UtcNow.AddHours(-1);
var series = Enumerable.Range(0, 4).Select(s => new MetricSeries(
    new Dictionary<string, string> { ["instance"] = $"api-{s}:8080", ["job"] = "api" },
    Enumerable.Range(0, 240).Select(i => new MetricPoint(from.AddSeconds(15 * i), 100 + 40 * s + 30 * Math.Sin(i / 12.0 + s))).ToList())).ToList();
var spec = new ChartSpec(series, "p99 latency", "histogram_quantile(0.99, rate(http_duration_seconds_bucket[5m]))", from, from.AddHours(1), "ms", 1200, 600);

if (args is ["cold-chart", var output])
{
    await File.WriteAllBytesAsync(output, SkiaChart.Draw(spec));
    Console.WriteLine(Stats.PeakMb().ToString("0.0", CultureInfo.InvariantCulture));
    return;
}

var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var options = new GraphOptions();
Console.WriteLine($"runs per row: {runs}; chart: 4 series x 240 points, 1200x600 PNG");

// 1. In process: warm, then cold (a new process per chart: runtime start, font load, draw, PNG written).
SkiaChart.Draw(spec);
// CPU time as well as wall time: on a shared machine the wall time waits for a core, the CPU time does not.
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var warm = Time(runs, () => SkiaChart.Draw(spec));
var cpuPerChart = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / runs;
var (cold, childPeak) = await ColdStarts.MeasureAsync(Path.Combine(Path.GetTempPath(), "renderbench-cold.png"), Math.Min(runs, 10));
Console.WriteLine($"in process, warm:                      {Stats.Summary(warm)}  CPU {cpuPerChart:0} ms per chart");
Console.WriteLine($"in process, cold (process start->PNG): {Stats.Summary(cold)}");
Console.WriteLine($"in process, peak memory of that process: {childPeak:0} MB (VmHWM, max over the cold runs); no browser");

// 2. The Chromium path it replaced: SVG page rendered by Chromium through Playwright.
var html = ChartPage.Render(series, spec.Title, spec.From, spec.To, spec.Unit, 1200, 600);
var chromiumCold = new List<double>();
for (var i = 0; i < Math.Min(runs, 5); i++)
{
    var watch = Stopwatch.StartNew();
    await using (var r = new PlaywrightGraphRenderer(options, NullLogger<PlaywrightGraphRenderer>.Instance))
        await r.RenderHtmlAsync(html, 1200, 600);
    chromiumCold.Add(watch.Elapsed.TotalMilliseconds);
}
await using (var playwright = new PlaywrightGraphRenderer(options, NullLogger<PlaywrightGraphRenderer>.Instance))
{
    await playwright.RenderHtmlAsync(html, 1200, 600);
    var chromiumWarm = await TimeAsync(runs, () => playwright.RenderHtmlAsync(html, 1200, 600));
    Console.WriteLine($"Chromium path, warm:                   {Stats.Summary(chromiumWarm)}");
    Console.WriteLine($"Chromium path, cold (browser launch):  {Stats.Summary(chromiumCold)} (in a running process)");
    Console.WriteLine($"Chromium path, browser memory warm:    {Stats.RssOfFlagged(playwright.InstanceMarker):0} MB RSS summed over its processes, plus the Node driver");
}

// 3. A URL shortcut: a page served on loopback, captured by PuppeteerSharp (app) and Playwright (baseline).
using var site = new HttpListener();
var port = Random.Shared.Next(20000, 60000);
site.Prefixes.Add($"http://127.0.0.1:{port}/");
site.Start();
_ = Task.Run(async () =>
{
    var body = Encoding.UTF8.GetBytes(html);
    while (site.IsListening)
    {
        var context = await site.GetContextAsync();
        context.Response.ContentType = "text/html";
        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }
});
var page = new PageRequest(new Uri($"http://127.0.0.1:{port}/panel"), null, null, 1200, 600, false, TimeSpan.FromSeconds(20));
await using (var puppeteer = new GraphRenderer(options, NullLogger<GraphRenderer>.Instance))
{
    var watch = Stopwatch.StartNew();
    await puppeteer.CapturePageAsync(page);
    var first = watch.Elapsed.TotalMilliseconds;
    var times = await TimeAsync(runs, () => puppeteer.CapturePageAsync(page));
    Console.WriteLine($"URL shortcut, PuppeteerSharp warm:     {Stats.Summary(times)} (first, browser launch included: {first:0} ms; quiet window {GraphRenderer.QuietWindow.TotalMilliseconds:0} ms)");
}
await using (var playwright = new PlaywrightGraphRenderer(options, NullLogger<PlaywrightGraphRenderer>.Instance))
{
    var watch = Stopwatch.StartNew();
    await playwright.ScreenshotAsync(page.Url, null, null, 1200, 600);
    var first = watch.Elapsed.TotalMilliseconds;
    var times = await TimeAsync(runs, () => playwright.ScreenshotAsync(page.Url, null, null, 1200, 600));
    Console.WriteLine($"URL shortcut, Playwright warm:         {Stats.Summary(times)} (first, browser launch included: {first:0} ms; network idle only)");
}
site.Stop();

static List<double> Time(int n, Action work) => Enumerable.Range(0, n).Select(_ =>
{
    var watch = Stopwatch.StartNew();
    work();
    return watch.Elapsed.TotalMilliseconds;
}).ToList();

static async Task<List<double>> TimeAsync<T>(int n, Func<Task<T>> work)
{
    var times = new List<double>();
    for (var i = 0; i < n; i++)
    {
        var watch = Stopwatch.StartNew();
        await work();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    return times;
}
