using ChatOps.Core.Graphs;
using SkiaSharp;

namespace ChatOps.Rendering.Charts;

/// <summary>The title, then the query and the window in UTC, so a forwarded picture still says what it shows.</summary>
internal static class ChartHeader
{
    public const float Height = 84;

    public static void Draw(SKCanvas canvas, ChartFonts fonts, ChartSpec spec)
    {
        using var title = new SKFont(fonts.Bold, ChartStyle.TitleSize);
        using var small = new SKFont(fonts.Regular, ChartStyle.SubtitleSize);
        using var dark = ChartStyle.Fill(ChartStyle.Text);
        using var muted = ChartStyle.Fill(ChartStyle.Muted);
        var width = spec.Width - 2 * ChartStyle.Margin;
        canvas.DrawText(ChartStyle.Clip(title, spec.Title, width), ChartStyle.Margin, 38, SKTextAlign.Left, title, dark);
        var range = Range(spec.From, spec.To);
        var rangeWidth = small.MeasureText(range);
        canvas.DrawText(range, spec.Width - ChartStyle.Margin, 68, SKTextAlign.Right, small, muted);
        if (spec.Query != spec.Title)
            canvas.DrawText(ChartStyle.Clip(small, spec.Query, width - rangeWidth - 24), ChartStyle.Margin, 68, SKTextAlign.Left, small, muted);
    }

    public static string Range(DateTimeOffset from, DateTimeOffset to)
    {
        // Seconds matter on a window of a few minutes (the axis ticks show them too).
        var time = to - from < TimeSpan.FromMinutes(10) ? "HH:mm:ss" : "HH:mm";
        var end = from.UtcDateTime.Date == to.UtcDateTime.Date ? time : "yyyy-MM-dd " + time;
        return $"{from.UtcDateTime.ToString("yyyy-MM-dd " + time, System.Globalization.CultureInfo.InvariantCulture)} – " +
               $"{to.UtcDateTime.ToString(end, System.Globalization.CultureInfo.InvariantCulture)} UTC";
    }
}
