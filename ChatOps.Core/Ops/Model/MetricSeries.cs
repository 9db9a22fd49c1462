namespace ChatOps.Core.Ops.Model;

/// <summary>One series of a range query: its labels and its points in time order.</summary>
public sealed record MetricSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<MetricPoint> Points);

public sealed record MetricPoint(DateTimeOffset Time, double Value);
