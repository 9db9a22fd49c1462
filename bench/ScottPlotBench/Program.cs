using System.Diagnostics;
using System.Globalization;
using RenderBench;
using ScottPlot;

// The chart bench/RenderBench draws with SkiaSharp (4 series x 240 points, 1200x600 PNG, title, unit, UTC time
// axis, legend), drawn with ScottPlot so that the choice between the two is measured, not guessed. Same rows,
// same format. Child mode "cold-chart" draws one chart and exits.
var from = DateTime.UtcNow.AddHours(-1);
var xs = Enumerable.Range(0, 240).Select(i => from.AddSeconds(15 * i).ToOADate()).ToArray();
var ys = Enumerable.Range(0, 4).Select(s => Enumerable.Range(0, 240).Select(i => 100 + 40 * s + 30 * Math.Sin(i / 12.0 + s)).ToArray()).ToArray();
// Fonts from a file, as the app does: the NoDependencies native build that ScottPlot pulls in has no fontconfig.
Fonts.AddFontFile("DejaVu Sans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

byte[] Draw()
{
    var plot = new Plot();
    plot.Font.Set("DejaVu Sans");
    for (var s = 0; s < ys.Length; s++)
    {
        var line = plot.Add.ScatterLine(xs, ys[s]);
        line.LegendText = $"api-{s}:8080";
        line.LineWidth = 2;
    }
    plot.Axes.DateTimeTicksBottom();
    plot.Title("p99 latency");
    plot.YLabel("ms");
    plot.ShowLegend(Alignment.UpperLeft);
    return plot.GetImageBytes(1200, 600, ImageFormat.Png);
}

if (args is ["cold-chart", var output])
{
    await File.WriteAllBytesAsync(output, Draw());
    Console.WriteLine(Stats.PeakMb().ToString("0.0", CultureInfo.InvariantCulture));
    return;
}

var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var sample = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "scottplot-bench.png");
await File.WriteAllBytesAsync(sample, Draw());
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var warm = Enumerable.Range(0, runs).Select(_ =>
{
    var watch = Stopwatch.StartNew();
    Draw();
    return watch.Elapsed.TotalMilliseconds;
}).ToList();
var cpuPerChart = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / runs;
var (cold, peak) = await ColdStarts.MeasureAsync(sample, Math.Min(runs, 10));
var scottPlot = typeof(Plot).Assembly.GetName().Version!.ToString(3);
var skia = typeof(SkiaSharp.SKCanvas).Assembly.GetName().Version!.ToString(3);
Console.WriteLine($"ScottPlot {scottPlot} (SkiaSharp {skia}), warm:  {Stats.Summary(warm)}  CPU {cpuPerChart:0} ms per chart");
Console.WriteLine($"ScottPlot, cold (process start->PNG):    {Stats.Summary(cold)}");
Console.WriteLine($"ScottPlot, peak memory of that process:  {peak:0} MB (VmHWM, max over the cold runs); chart written to {sample}");
