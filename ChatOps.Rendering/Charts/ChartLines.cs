using ChatOps.Core.Ops.Model;
using SkiaSharp;

namespace ChatOps.Rendering.Charts;

/// <summary>
/// Each series as a line that breaks where data is missing: at a NaN, and where two samples are more than
/// twice the series' usual interval apart (Prometheus leaves missing samples out rather than sending NaN).
/// A point with no neighbour on either side is drawn as a dot, or it would not show at all.
/// </summary>
internal static class ChartLines
{
    public static void Draw(SKCanvas canvas, MetricSeries series, SKColor colour, Func<DateTimeOffset, float> x, Func<double, float> y)
    {
        using var stroke = ChartStyle.Stroke(colour, ChartStyle.LineWidth);
        using var dot = ChartStyle.Fill(colour);
        foreach (var run in Runs(series.Points))
        {
            if (run.Count == 1)
            {
                canvas.DrawCircle(x(run[0].Time), y(run[0].Value), ChartStyle.LineWidth * 1.6f, dot);
                continue;
            }
            using var builder = new SKPathBuilder();
            builder.MoveTo(x(run[0].Time), y(run[0].Value));
            foreach (var p in run.Skip(1)) builder.LineTo(x(p.Time), y(p.Value));
            using var path = builder.Detach();
            canvas.DrawPath(path, stroke);
        }
    }

    /// <summary>Runs of consecutive finite samples with no gap inside.</summary>
    public static IEnumerable<List<MetricPoint>> Runs(IReadOnlyList<MetricPoint> points)
    {
        var ordered = points.OrderBy(p => p.Time).ToList();
        var intervals = ordered.Zip(ordered.Skip(1), (a, b) => (b.Time - a.Time).TotalMilliseconds).Order().ToList();
        var usual = intervals.Count == 0 ? 0 : intervals[intervals.Count / 2];
        var run = new List<MetricPoint>();
        foreach (var p in ordered)
        {
            var gap = run.Count > 0 && usual > 0 && (p.Time - run[^1].Time).TotalMilliseconds > usual * 2;
            if (!double.IsFinite(p.Value) || gap)
            {
                if (run.Count > 0) yield return run;
                run = [];
            }
            if (double.IsFinite(p.Value)) run.Add(p);
        }
        if (run.Count > 0) yield return run;
    }
}
