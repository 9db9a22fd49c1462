using System.Globalization;
using System.Net;
using System.Text;
using ChatOps.Core.Graphs;
using ChatOps.Core.Ops.Model;

namespace RenderBench.Baseline;

/// <summary>The SVG chart page the app rendered in Chromium before charts were drawn in process, kept as the bench baseline.
/// 
/// A line chart as one self-contained HTML page with inline SVG: no script, no font or CDN fetch,
/// so it renders in a firewalled network. Time axis in UTC, value axis with the unit, a legend of
/// the top series named by the labels that tell them apart.
/// </summary>
public static class ChartPage
{
    public const int MaxSeries = ChartSeries.Max;
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
    private const int Left = 84, Right = 24, Top = 64, Bottom = 104;

    public static string Render(IReadOnlyList<MetricSeries> series, string title, DateTimeOffset from, DateTimeOffset to, string? unit, int width, int height)
    {
        var shown = series.OrderByDescending(s => s.Points.Where(p => double.IsFinite(p.Value)).Select(p => p.Value).DefaultIfEmpty(double.MinValue).Max())
            .Take(MaxSeries).ToList();
        var names = SeriesNames.For(shown, title);
        var values = shown.SelectMany(s => s.Points).Select(p => p.Value).Where(double.IsFinite).ToList();
        var (yMin, yMax, yStep) = NiceScale.For(values.Count == 0 ? 0 : values.Min(), values.Count == 0 ? 1 : values.Max());
        var plotW = width - Left - Right;
        var plotH = height - Top - Bottom;
        double X(DateTimeOffset t) => Left + (t - from).TotalMilliseconds / Math.Max(1, (to - from).TotalMilliseconds) * plotW;
        double Y(double v) => Top + plotH - (v - yMin) / (yMax - yMin) * plotH;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"30\" font-size=\"22\" font-weight=\"bold\" fill=\"#222\">{E(title)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"52\" font-size=\"14\" fill=\"#555\">{E(Range(from, to))}</text>");

        var steps = (int)Math.Min(20, Math.Round((yMax - yMin) / yStep));
        for (var k = 0; k <= steps; k++)
        {
            var v = yMin + k * yStep;
            var y = Y(v);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#e5e5e5\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 8}\" y=\"{y + 5:0.#}\" font-size=\"13\" text-anchor=\"end\" fill=\"#444\">{E(Format(v, unit))}</text>");
        }
        foreach (var (t, label) in TimeTicks.For(from, to))
        {
            var x = X(t);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{Top}\" y2=\"{Top + plotH}\" stroke=\"#f0f0f0\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{Top + plotH + 20}\" font-size=\"13\" text-anchor=\"middle\" fill=\"#444\">{E(label)}</text>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotW}\" height=\"{plotH}\" fill=\"none\" stroke=\"#999\"/>");

        for (var i = 0; i < shown.Count; i++)
        {
            var path = new StringBuilder();
            var pen = 'M';
            foreach (var p in shown[i].Points.OrderBy(p => p.Time))
            {
                if (!double.IsFinite(p.Value)) { pen = 'M'; continue; }   // a gap, not a dive to zero
                path.Append(CultureInfo.InvariantCulture, $"{pen}{X(p.Time):0.#},{Y(p.Value):0.#} ");
                pen = 'L';
            }
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill=\"none\" stroke=\"{Palette[i % Palette.Length]}\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>");
            // A series of one or two points draws no visible line: mark its points.
            var finite = shown[i].Points.Where(p => double.IsFinite(p.Value)).ToList();
            if (finite.Count < 3)
                foreach (var p in finite)
                    svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(p.Time):0.#}\" cy=\"{Y(p.Value):0.#}\" r=\"5\" fill=\"{Palette[i % Palette.Length]}\"/>");
        }
        Legend(svg, names, series.Count - shown.Count, width, height);
        svg.Append("</svg>");
        return $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>html,body{{margin:0;background:#fff;font-family:'DejaVu Sans',sans-serif}}</style></head><body>{svg}</body></html>";
    }

    private static void Legend(StringBuilder svg, IReadOnlyList<string> names, int hidden, int width, int height)
    {
        var columnWidth = (width - Left - Right) / 2;
        for (var i = 0; i < names.Count; i++)
        {
            var x = Left + i % 2 * columnWidth;
            var y = height - Bottom + 44 + i / 2 * 18 - (names.Count > 4 ? 8 : 0);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y - 10}\" width=\"14\" height=\"4\" fill=\"{Palette[i % Palette.Length]}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 20}\" y=\"{y - 4}\" font-size=\"13\" fill=\"#333\">{E(Clip(names[i], 70))}</text>");
        }
        if (hidden > 0)
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - Right}\" y=\"{height - 8}\" font-size=\"12\" text-anchor=\"end\" fill=\"#777\">+{hidden} more series not shown</text>");
    }

    public static string Format(double v, string? unit)
    {
        var (scaled, suffix) = Math.Abs(v) switch
        {
            >= 1e9 => (v / 1e9, "G"),
            >= 1e6 => (v / 1e6, "M"),
            >= 1e3 => (v / 1e3, "k"),
            _ => (v, ""),
        };
        var number = scaled.ToString("0.###", CultureInfo.InvariantCulture) + suffix;
        return string.IsNullOrEmpty(unit) ? number : unit == "%" ? number + "%" : $"{number} {unit}";
    }

    private static string Range(DateTimeOffset from, DateTimeOffset to) =>
        $"{from.UtcDateTime:yyyy-MM-dd HH:mm} – {to.UtcDateTime:yyyy-MM-dd HH:mm} UTC";

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
