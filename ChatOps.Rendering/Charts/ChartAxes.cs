using ChatOps.Core.Graphs;
using SkiaSharp;

namespace ChatOps.Rendering.Charts;

/// <summary>The value axis (round ticks with the unit) and the UTC time axis, as grid lines with labels.</summary>
internal sealed class ChartAxes(ChartFonts fonts, ChartSpec spec, double yMin, double yMax, double yStep)
{
    private readonly SKFont _font = new(fonts.Regular, ChartStyle.TickSize);

    public IReadOnlyList<double> Values { get; } = Enumerable.Range(0, (int)Math.Min(20, Math.Round((yMax - yMin) / yStep)) + 1)
        .Select(k => yMin + k * yStep).ToList();

    /// <summary>The widest value label, so the plot starts just right of it.</summary>
    public float LabelWidth => Values.Max(v => _font.MeasureText(ValueFormat.Format(v, spec.Unit)));

    public void Draw(SKCanvas canvas, SKRect plot, Func<double, float> y, Func<DateTimeOffset, float> x)
    {
        using var grid = ChartStyle.Stroke(ChartStyle.Grid, 1);
        using var frame = ChartStyle.Stroke(ChartStyle.Frame, 1);
        using var text = ChartStyle.Fill(ChartStyle.Muted);
        foreach (var v in Values)
        {
            var at = y(v);
            canvas.DrawLine(plot.Left, at, plot.Right, at, grid);
            canvas.DrawText(ValueFormat.Format(v, spec.Unit), plot.Left - 10, at + ChartStyle.TickSize * 0.35f, SKTextAlign.Right, _font, text);
        }
        foreach (var (t, label) in TimeTicks.For(spec.From, spec.To))
        {
            var at = x(t);
            canvas.DrawLine(at, plot.Top, at, plot.Bottom, grid);
            canvas.DrawLine(at, plot.Bottom, at, plot.Bottom + 6, frame);
            var half = _font.MeasureText(label) / 2;
            var align = at - half < 0 ? SKTextAlign.Left : at + half > spec.Width - 4 ? SKTextAlign.Right : SKTextAlign.Center;
            canvas.DrawText(label, at, plot.Bottom + 8 + ChartStyle.TickSize, align, _font, text);
        }
        canvas.DrawRect(plot, frame);
    }
}
