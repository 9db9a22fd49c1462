using SkiaSharp;

namespace ChatOps.Rendering.Charts;

/// <summary>Colours and sizes, chosen to read on a phone (a 1200 px chart is shown about 3x smaller there).</summary>
internal static class ChartStyle
{
    public static readonly SKColor[] Palette =
    [
        new(0x1f, 0x77, 0xb4), new(0xd6, 0x27, 0x28), new(0x2c, 0xa0, 0x2c), new(0xff, 0x7f, 0x0e),
        new(0x94, 0x67, 0xbd), new(0x8c, 0x56, 0x4b), new(0xe3, 0x77, 0xc2), new(0x17, 0xbe, 0xcf),
    ];

    public static readonly SKColor Background = SKColors.White;
    public static readonly SKColor Text = new(0x22, 0x22, 0x22);
    public static readonly SKColor Muted = new(0x66, 0x66, 0x66);
    public static readonly SKColor Grid = new(0xe4, 0xe4, 0xe4);
    public static readonly SKColor Frame = new(0x99, 0x99, 0x99);

    public const float TitleSize = 28, SubtitleSize = 17, TickSize = 17, LegendSize = 18, LineWidth = 3.5f;
    public const float LegendRow = 26, Margin = 24;

    public static SKPaint Fill(SKColor colour) => new() { Color = colour, IsAntialias = true, Style = SKPaintStyle.Fill };

    public static SKPaint Stroke(SKColor colour, float width) => new()
    {
        Color = colour, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width,
        StrokeJoin = SKStrokeJoin.Round, StrokeCap = SKStrokeCap.Round,
    };

    public static string Clip(SKFont font, string text, float width)
    {
        if (font.MeasureText(text) <= width) return text;
        var keep = text.Length;
        while (keep > 1 && font.MeasureText(text[..keep] + "…") > width) keep--;
        return text[..keep] + "…";
    }
}
