using ChatOps.Core.Graphs;
using SkiaSharp;

namespace ChatOps.Rendering.Charts;

/// <summary>An empty frame with "No data" and the query and range in words: never a blank or a misleading flat chart.</summary>
internal static class NoDataPicture
{
    public static void Draw(SKCanvas canvas, ChartFonts fonts, ChartSpec spec)
    {
        var frame = new SKRect(ChartStyle.Margin, ChartHeader.Height + 10, spec.Width - ChartStyle.Margin, spec.Height - ChartStyle.Margin);
        using var border = ChartStyle.Stroke(ChartStyle.Frame, 1.5f);
        using var shade = ChartStyle.Fill(new SKColor(0xf6, 0xf6, 0xf6));
        canvas.DrawRect(frame, shade);
        canvas.DrawRect(frame, border);

        using var big = new SKFont(fonts.Bold, Math.Min(64, spec.Height / 8f));
        using var small = new SKFont(fonts.Regular, ChartStyle.LegendSize);
        using var dark = ChartStyle.Fill(ChartStyle.Muted);
        var middle = frame.MidY;
        canvas.DrawText("No data", frame.MidX, middle, SKTextAlign.Center, big, dark);
        var width = frame.Width - 40;
        canvas.DrawText(ChartStyle.Clip(small, spec.Query, width), frame.MidX, middle + 44, SKTextAlign.Center, small, dark);
        canvas.DrawText("returned no samples in " + ChartHeader.Range(spec.From, spec.To), frame.MidX, middle + 74, SKTextAlign.Center, small, dark);
    }
}
