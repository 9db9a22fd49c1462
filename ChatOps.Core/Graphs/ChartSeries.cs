using ChatOps.Core.Ops.Model;

namespace ChatOps.Core.Graphs;

/// <summary>Which series a chart draws: the highest ones, at most <see cref="Max"/>; the rest are counted as "and N more".</summary>
public static class ChartSeries
{
    public const int Max = 8;

    public static IReadOnlyList<MetricSeries> Top(IReadOnlyList<MetricSeries> series) => series
        .OrderByDescending(s => s.Points.Where(p => double.IsFinite(p.Value)).Select(p => p.Value).DefaultIfEmpty(double.MinValue).Max())
        .Take(Max)
        .ToList();
}
