using SkiaSharp;

namespace ChatOps.Rendering.Flames;

/// <summary>One colour per package, the same in every profile (a hash of the name), light enough for dark text.</summary>
internal static class FlamePalette
{
    public static readonly SKColor All = new(0xd8, 0xd8, 0xd8);

    /// <summary>"github.com/prometheus/prometheus/promql.(*Engine).exec" is in "github.com/prometheus/prometheus/promql";
    /// "runtime.gopark" in "runtime"; an address or a name without a dot is its own.</summary>
    public static string PackageOf(string function)
    {
        var slash = function.LastIndexOf('/');
        var dot = function.IndexOf('.', slash + 1);
        return dot > 0 ? function[..dot] : function;
    }

    public static SKColor ColourOf(string function)
    {
        var package = PackageOf(function);
        uint hash = 2166136261;
        foreach (var c in package) hash = (hash ^ c) * 16777619;
        // Warm hues (red through yellow-green) as flame graphs use, varied in lightness so neighbours differ.
        var hue = hash % 100 / 100f * 90f;
        var lightness = 62 + hash / 100 % 3 * 7;
        return SKColor.FromHsl(hue, 70, lightness);
    }

    /// <summary>The shortest form worth showing: without the import path ("promql.(*Engine).exec").</summary>
    public static string ShortName(string function)
    {
        var slash = function.LastIndexOf('/');
        return slash >= 0 && slash < function.Length - 1 ? function[(slash + 1)..] : function;
    }
}
