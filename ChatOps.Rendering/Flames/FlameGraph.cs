using ChatOps.Core.Graphs;
using ChatOps.Rendering.Charts;
using SkiaSharp;

namespace ChatOps.Rendering.Flames;

/// <summary>
/// A profile's call tree drawn with SkiaSharp, callers above callees (pprof's orientation), frames coloured by package,
/// each labelled with as much of its name as fits. Siblings are ordered widest first, so the hottest path runs down
/// the left edge and keeps the widest, most readable frames at 1200 px.
/// </summary>
public static class FlameGraph
{
    internal const float Margin = 12, HeaderHeight = 62, RowHeight = 22, TextSize = 13;

    public static byte[] Draw(FlameGraphSpec spec)
    {
        var fonts = ChartFonts.Shared;
        var boxes = FlameLayout.Of(spec.Frames, spec.Total, Margin, spec.Width - 2 * Margin);
        var depth = boxes.Count == 0 ? 0 : boxes.Max(b => b.Depth);
        var height = (int)(HeaderHeight + (depth + 1) * RowHeight + Margin);
        using var surface = SKSurface.Create(new SKImageInfo(spec.Width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Skia could not allocate a {spec.Width}x{height} surface");
        var canvas = surface.Canvas;
        canvas.Clear(ChartStyle.Background);
        Header(canvas, fonts, spec);

        using var font = new SKFont(fonts.Regular, TextSize);
        using var text = ChartStyle.Fill(ChartStyle.Text);
        Frame(canvas, font, text, FlamePalette.All, Margin, spec.Width - 2 * Margin, 0, "all");
        foreach (var box in boxes) Frame(canvas, font, text, FlamePalette.ColourOf(box.Name), box.X, box.Width, box.Depth, box.Name);

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>The top edge of a row.</summary>
    internal static float RowTop(int depth) => HeaderHeight + depth * RowHeight;

    private static void Header(SKCanvas canvas, ChartFonts fonts, FlameGraphSpec spec)
    {
        using var title = new SKFont(fonts.Bold, 20);
        using var subtitle = new SKFont(fonts.Regular, 14);
        using var dark = ChartStyle.Fill(ChartStyle.Text);
        using var muted = ChartStyle.Fill(ChartStyle.Muted);
        canvas.DrawText(ChartStyle.Clip(title, spec.Title, spec.Width - 2 * Margin), Margin, 28, SKTextAlign.Left, title, dark);
        canvas.DrawText(ChartStyle.Clip(subtitle, spec.Subtitle, spec.Width - 2 * Margin), Margin, 50, SKTextAlign.Left, subtitle, muted);
    }

    private static void Frame(SKCanvas canvas, SKFont font, SKPaint text, SKColor colour, float x, float width, int depth, string name)
    {
        var top = RowTop(depth);
        using var fill = ChartStyle.Fill(colour);
        // A white hairline on the right and below keeps neighbours of one colour apart.
        canvas.DrawRect(new SKRect(x, top, x + Math.Max(1, width - 1), top + RowHeight - 1), fill);
        if (Label(font, name, width - 6) is { } label)
        {
            canvas.Save();
            canvas.ClipRect(new SKRect(x, top, x + width - 1, top + RowHeight - 1));
            canvas.DrawText(label, x + 3, top + RowHeight - 7, SKTextAlign.Left, font, text);
            canvas.Restore();
        }
    }

    /// <summary>The whole name, the name without its import path, or that cut with "…"; nothing under three letters.</summary>
    internal static string? Label(SKFont font, string name, float room)
    {
        if (room < font.MeasureText("ab…")) return null;
        if (font.MeasureText(name) <= room) return name;
        var shorter = FlamePalette.ShortName(name);
        return font.MeasureText(shorter) <= room ? shorter : ChartStyle.Clip(font, shorter, room);
    }
}
