using ChatOps.Core.Graphs;
using SkiaSharp;

namespace ChatOps.Rendering.Charts;

/// <summary>
/// A PromQL chart drawn in process with SkiaSharp: no browser, no HTML. Written against Skia directly (not a
/// plotting library) because the axes, the gap rule and the legend are this project's own (NiceScale, TimeTicks,
/// SeriesNames), and drawing them took less code and less time than bending a library's defaults (see bench/render).
/// </summary>
public static class SkiaChart
{
    public static byte[] Draw(ChartSpec spec)
    {
        var fonts = ChartFonts.Shared;
        using var surface = SKSurface.Create(new SKImageInfo(spec.Width, spec.Height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Skia could not allocate a {spec.Width}x{spec.Height} surface");
        var canvas = surface.Canvas;
        canvas.Clear(ChartStyle.Background);
        ChartHeader.Draw(canvas, fonts, spec);
        if (spec.HasData) Plot(canvas, fonts, spec);
        else NoDataPicture.Draw(canvas, fonts, spec);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static void Plot(SKCanvas canvas, ChartFonts fonts, ChartSpec spec)
    {
        var shown = ChartSeries.Top(spec.Series);
        var names = SeriesNames.For(shown, spec.Title);
        var hidden = spec.Series.Count - shown.Count;
        var values = shown.SelectMany(s => s.Points).Select(p => p.Value).Where(double.IsFinite).ToList();
        var (yMin, yMax, yStep) = NiceScale.For(values.Min(), values.Max());
        var axes = new ChartAxes(fonts, spec, yMin, yMax, yStep);

        var legendHeight = ChartLegend.Height(names.Count, hidden);
        var plot = new SKRect(ChartStyle.Margin + axes.LabelWidth + 12, ChartHeader.Height + 10,
            spec.Width - ChartStyle.Margin - 8, spec.Height - legendHeight - ChartStyle.TickSize - 24);
        var span = Math.Max(1, (spec.To - spec.From).TotalMilliseconds);
        float X(DateTimeOffset t) => plot.Left + (float)((t - spec.From).TotalMilliseconds / span) * plot.Width;
        float Y(double v) => plot.Bottom - (float)((v - yMin) / (yMax - yMin)) * plot.Height;

        axes.Draw(canvas, plot, Y, X);
        canvas.Save();
        canvas.ClipRect(new SKRect(plot.Left, plot.Top - ChartStyle.LineWidth, plot.Right, plot.Bottom + ChartStyle.LineWidth));
        // The first series is the highest: drawn last, so it stays on top where lines cross.
        for (var i = shown.Count - 1; i >= 0; i--) ChartLines.Draw(canvas, shown[i], ChartStyle.Palette[i % ChartStyle.Palette.Length], X, Y);
        canvas.Restore();
        ChartLegend.Draw(canvas, fonts, names, hidden, plot.Bottom + ChartStyle.TickSize + 22, ChartStyle.Margin, spec.Width - ChartStyle.Margin);
    }
}
