using SkiaSharp;

namespace ChatOps.Rendering.Pages;

/// <summary>Whether a screenshot is one colour or nearly: fewer than 1 in 1,000 sampled pixels differ visibly from
/// the most common one. A "Loading…" line on an empty page is blank by this rule, which is what a reader would say.</summary>
public static class BlankCheck
{
    public static bool IsBlank(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidOperationException("The screenshot is not a decodable image");
        var counts = new Dictionary<uint, int>();
        var samples = new List<SKColor>();
        for (var y = 0; y < bitmap.Height; y += 2)
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                samples.Add(c);
                counts[(uint)c] = counts.GetValueOrDefault((uint)c) + 1;
            }
        if (samples.Count == 0) return true;
        var common = (SKColor)counts.MaxBy(kv => kv.Value).Key;
        var differing = samples.Count(c => Math.Abs(c.Red - common.Red) + Math.Abs(c.Green - common.Green) + Math.Abs(c.Blue - common.Blue) > 48);
        return differing * 1000 < samples.Count;
    }
}
