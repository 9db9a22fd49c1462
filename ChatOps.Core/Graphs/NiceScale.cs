namespace ChatOps.Core.Graphs;

/// <summary>A value axis with round ticks (1, 2 or 5 times a power of ten), about five of them.</summary>
public static class NiceScale
{
    public static (double Min, double Max, double Step) For(double min, double max)
    {
        // A flat line sits mid-chart on an axis from zero, where its level is obvious (up == 1 reads as 1 of 2).
        if (min == max) (min, max) = min == 0 ? (0.0, 1.0) : min > 0 ? (0.0, min * 2) : (min * 2, 0.0);
        // Charts of non-negative things read best from zero when the data is not far above it.
        if (min > 0 && min < (max - min) * 2) min = 0;
        // Values a rounding error apart (0.9999999999999999 and 1) would give a step too small to
        // advance a double: widen the span to something drawable first.
        var minimumSpan = Math.Max(Math.Max(Math.Abs(min), Math.Abs(max)), 1) * 1e-6;
        if (max - min < minimumSpan) (min, max) = (min - minimumSpan, max + minimumSpan);
        var raw = (max - min) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        return (Math.Floor(min / step) * step, Math.Ceiling(max / step) * step, step);
    }
}
