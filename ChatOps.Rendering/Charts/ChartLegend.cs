using SkiaSharp;

namespace ChatOps.Rendering.Charts;

/// <summary>Below the plot, in two columns: each series' colour and the labels that tell it apart, then "and N more".</summary>
internal static class ChartLegend
{
    public static float Height(int names, int hidden) => (float)Math.Ceiling(Entries(names, hidden) / 2.0) * ChartStyle.LegendRow + 8;

    /// <summary>The legend's lines: each shown series, then "and N more series" when some were left out.</summary>
    public static IReadOnlyList<string> Lines(IReadOnlyList<string> names, int hidden) =>
        hidden > 0 ? [.. names, $"and {hidden} more series"] : names;

    private static int Entries(int names, int hidden) => names + (hidden > 0 ? 1 : 0);

    public static void Draw(SKCanvas canvas, ChartFonts fonts, IReadOnlyList<string> names, int hidden, float top, float left, float right)
    {
        using var font = new SKFont(fonts.Regular, ChartStyle.LegendSize);
        using var text = ChartStyle.Fill(ChartStyle.Text);
        using var muted = ChartStyle.Fill(ChartStyle.Muted);
        var column = (right - left) / 2;
        var lines = Lines(names, hidden);
        for (var i = 0; i < lines.Count; i++)
        {
            var x = left + i % 2 * column;
            var baseline = top + i / 2 * ChartStyle.LegendRow + ChartStyle.LegendSize;
            if (i == names.Count)
            {
                canvas.DrawText(lines[i], x, baseline, SKTextAlign.Left, font, muted);
                continue;
            }
            using var swatch = ChartStyle.Fill(ChartStyle.Palette[i % ChartStyle.Palette.Length]);
            canvas.DrawRoundRect(new SKRect(x, baseline - 12, x + 26, baseline - 4), 2, 2, swatch);
            canvas.DrawText(ChartStyle.Clip(font, names[i], column - 44), x + 34, baseline, SKTextAlign.Left, font, text);
        }
    }
}
