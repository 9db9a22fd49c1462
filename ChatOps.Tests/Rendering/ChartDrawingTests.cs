using ChatOps.Core.Graphs;
using ChatOps.Core.Ops.Model;
using ChatOps.Rendering.Charts;
using ChatOps.Rendering.Pages;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Rendering;

/// <summary>The in-process chart, checked on the real PNG: colours where the data is, gaps left open, a legend, a "no data" picture.</summary>
public sealed class ChartDrawingTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 21, 11, 0, 0, TimeSpan.Zero);
    private static readonly (byte, byte, byte) Blue = (0x1f, 0x77, 0xb4), Red = (0xd6, 0x27, 0x28);

    private static MetricSeries Series(string instance, Func<int, double> value, int minutes = 60) => new(
        new Dictionary<string, string> { ["__name__"] = "http_latency", ["job"] = "api", ["instance"] = instance },
        Enumerable.Range(0, minutes + 1).Select(i => new MetricPoint(From.AddMinutes(i), value(i))).ToList());

    private static Png Draw(string file, params MetricSeries[] series)
    {
        var png = SkiaChart.Draw(new ChartSpec(series, "API latency", "http_latency", From, From.AddHours(1), "ms", 1200, 600));
        // Kept for a person to look at.
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), file), png);
        return Png.Decode(png);
    }

    private static bool Near(Png png, int x, int y, (byte R, byte G, byte B) colour) =>
        Math.Abs(png.At(x, y).R - colour.R) < 40 && Math.Abs(png.At(x, y).G - colour.G) < 40 && Math.Abs(png.At(x, y).B - colour.B) < 40;

    private static int CountIn(Png png, (byte, byte, byte) colour, int x0, int x1, int y0, int y1) =>
        Enumerable.Range(y0, y1 - y0).Sum(y => Enumerable.Range(x0, x1 - x0).Count(x => Near(png, x, y, colour)));

    [Fact]
    public void TwoSeries_AreDrawnInTheirColours_WithAGapWhereSamplesAreMissing_AndALegend()
    {
        // b is higher, so it is the first series (blue); a (red) has no samples from minute 30 on.
        var a = new MetricSeries(Series("a:9090", _ => 20).Labels, Series("a:9090", _ => 20).Points.Take(31).Concat(Series("a:9090", _ => 20).Points.Skip(55)).ToList());
        var png = Draw("chatops-chart-two-series.png", a, Series("b:9090", i => 60 + i % 5));

        Assert.Equal((1200, 600), (png.Width, png.Height));
        Assert.Equal((255, 255, 255), png.At(2, 2));
        // Plot area: roughly x 100..1170, y 100..480. Both colours are drawn there.
        Assert.True(CountIn(png, Blue, 150, 1150, 100, 480) > 1_000, "no blue line");
        var redLeft = CountIn(png, Red, 150, 500, 100, 480);
        Assert.True(redLeft > 500, "no red line where a has data");
        // Minutes 33..52 are a gap: no red in that band of the plot (x from about 40% to 80%).
        Assert.Equal(0, CountIn(png, Red, 700, 1000, 100, 480));
        // The legend below the plot carries both colours as swatches.
        Assert.True(CountIn(png, Blue, 0, 1200, 500, 600) > 50, "no blue legend swatch");
        Assert.True(CountIn(png, Red, 0, 1200, 500, 600) > 50, "no red legend swatch");
    }

    [Fact]
    public void ManySeries_ShowTheTopEight_AndTheLegendSaysHowManyMore()
    {
        var series = Enumerable.Range(0, 12).Select(i => Series($"host-{i:00}", m => 10 * i + m % 3)).ToList();
        var shown = ChartSeries.Top(series);

        Assert.Equal(8, shown.Count);
        Assert.Equal("host-11", shown[0].Labels["instance"]);
        var lines = ChartLegend.Lines(SeriesNames.For(shown, "t"), series.Count - shown.Count);
        Assert.Equal("instance=\"host-11\"", lines[0]);
        Assert.Equal("and 4 more series", lines[^1]);
        Assert.False(BlankCheck.IsBlank(SkiaChart.Draw(new ChartSpec(series, "hosts", "x", From, From.AddHours(1), null, 1200, 600))));
    }

    [Fact]
    public void NoData_IsAPictureThatSaysSo_NotABlankOrAFlatLine()
    {
        var bytes = SkiaChart.Draw(new ChartSpec([], "Errors", "rate(http_errors_total[5m])", From, From.AddHours(1), null, 1200, 600));
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "chatops-chart-no-data.png"), bytes);
        var png = Png.Decode(bytes);

        Assert.False(BlankCheck.IsBlank(bytes));
        Assert.Equal(0, CountIn(png, Blue, 0, 1200, 0, 600));
        // Dark lettering ("No data") in the middle of the frame.
        Assert.True(png.Count(p => p.R < 140 && p.G < 140 && p.B < 140) > 2_000, "no big text");
        Assert.True(CountIn(png, (0x66, 0x66, 0x66), 400, 800, 250, 340) > 500, "no \"No data\" in the middle");
    }

    [Fact]
    public void OnePointSeries_IsADot_NotNothing()
    {
        var png = Draw("chatops-chart-one-point.png", new MetricSeries(new Dictionary<string, string> { ["job"] = "x" }, [new MetricPoint(From.AddMinutes(30), 5)]));

        Assert.True(CountIn(png, Blue, 500, 700, 90, 500) > 20, "the lone sample is not drawn");
    }

    [Fact]
    public void APageOfOneColour_IsBlank_AndAChartIsNot()
    {
        using var surface = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(300, 200));
        surface.Canvas.Clear(SkiaSharp.SKColors.White);
        using var white = surface.Snapshot().Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);

        Assert.True(BlankCheck.IsBlank(white.ToArray()));
        Assert.False(BlankCheck.IsBlank(SkiaChart.Draw(new ChartSpec([Series("a", i => i)], "t", "q", From, From.AddHours(1), null, 1200, 600))));
    }
}
