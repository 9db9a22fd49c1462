using System.Diagnostics;
using System.Globalization;

namespace RenderBench;

/// <summary>Cold runs of a bench's own "cold-chart" child mode: a new process per chart (runtime start, font
/// load, draw, PNG written), timed from process start to exit, with the child's peak memory it prints.
/// Shared by RenderBench and ScottPlotBench so both libraries are measured the same way.</summary>
internal static class ColdStarts
{
    public static async Task<(List<double> Ms, double PeakMb)> MeasureAsync(string png, int runs)
    {
        var times = new List<double>();
        var peak = 0.0;
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            using var child = Process.Start(new ProcessStartInfo("dotnet", [typeof(ColdStarts).Assembly.Location, "cold-chart", png]) { RedirectStandardOutput = true })!;
            var printed = await child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
            peak = Math.Max(peak, double.Parse(printed.Trim(), CultureInfo.InvariantCulture));
        }
        return (times, peak);
    }
}
