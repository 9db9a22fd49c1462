namespace ChatOps.Core.Graphs;

/// <summary>Legend names: the labels whose values differ between the series, so `instance="a"`
/// and `instance="b"` are told apart without repeating what they share.</summary>
public static class SeriesNames
{
    public static IReadOnlyList<string> For(IReadOnlyList<Ops.Model.MetricSeries> series, string fallback)
    {
        if (series.Count == 0) return [];
        var keys = series.SelectMany(s => s.Labels.Keys).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList();
        var distinguishing = keys.Where(k => series.Select(s => s.Labels.GetValueOrDefault(k)).Distinct().Count() > 1).ToList();
        return series.Select(s =>
        {
            var use = distinguishing.Count > 0 ? distinguishing : keys.Where(k => k != "__name__").ToList();
            var text = string.Join(", ", use.Where(s.Labels.ContainsKey).Select(k => $"{k}=\"{s.Labels[k]}\""));
            return text.Length > 0 ? text : s.Labels.GetValueOrDefault("__name__") ?? fallback;
        }).ToList();
    }
}
