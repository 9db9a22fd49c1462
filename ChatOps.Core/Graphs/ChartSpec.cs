using ChatOps.Core.Ops.Model;

namespace ChatOps.Core.Graphs;

/// <summary>What a PromQL chart shows: the series, a title, the query and the window (UTC), at width x height.</summary>
public sealed record ChartSpec(IReadOnlyList<MetricSeries> Series, string Title, string Query, DateTimeOffset From, DateTimeOffset To,
    string? Unit, int Width, int Height)
{
    public bool HasData => Series.Any(s => s.Points.Any(p => double.IsFinite(p.Value)));
}
