using ChatOps.Core.Failures;
using SkiaSharp;

namespace ChatOps.Rendering.Charts;

/// <summary>
/// DejaVu Sans from files: the copy shipped in the app's fonts/ folder first, then Debian's fonts-dejavu-core.
/// The native Skia build has no fontconfig (it must run on code-only hosting), so fonts are never looked up by name.
/// </summary>
internal sealed class ChartFonts
{
    private static readonly string[] Folders = [Path.Combine(AppContext.BaseDirectory, "fonts"), "/usr/share/fonts/truetype/dejavu"];

    public SKTypeface Regular { get; }
    public SKTypeface Bold { get; }

    private ChartFonts(SKTypeface regular, SKTypeface bold) => (Regular, Bold) = (regular, bold);

    private static readonly Lazy<ChartFonts> Loaded = new(Load);

    public static ChartFonts Shared => Loaded.Value;

    private static ChartFonts Load()
    {
        var regular = Find("DejaVuSans.ttf") ?? throw new ServiceFailureException(
            "Charts need the DejaVu Sans font: it was found neither in the app's fonts/ folder nor in /usr/share/fonts/truetype/dejavu (fonts-dejavu-core).",
            FailureHandling.Answer);
        return new ChartFonts(regular, Find("DejaVuSans-Bold.ttf") ?? regular);
    }

    private static SKTypeface? Find(string file) => Folders.Select(f => Path.Combine(f, file)).Where(File.Exists)
        .Select(SKTypeface.FromFile).FirstOrDefault(t => t is not null);
}
