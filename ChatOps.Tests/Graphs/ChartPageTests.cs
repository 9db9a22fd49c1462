using ChatOps.Core.Graphs;
using ChatOps.Core.Ops.Model;

namespace ChatOps.Tests.Graphs;

/// <summary>The chart page: axes people can read, legends that tell series apart, nothing fetched from the network.</summary>
public sealed class ChartPageTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 21, 11, 0, 0, TimeSpan.Zero);

    private static MetricSeries Series(string instance, double value) => new(
        new Dictionary<string, string> { ["__name__"] = "http_latency", ["job"] = "api", ["instance"] = instance },
        Enumerable.Range(0, 61).Select(i => new MetricPoint(From.AddMinutes(i), value + i % 7)).ToList());

    [Fact]
    public void Page_IsSelfContained_WithTitleRangeTicksAndLegend()
    {
        var html = ChartPage.Render([Series("a:9090", 10), Series("b:9090", 20)], "API latency", From, From.AddHours(1), "ms", 1200, 600);

        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
        Assert.DoesNotContain("<script", html);
        Assert.Contains(">API latency<", html);
        Assert.Contains("2026-11-21 11:00 – 2026-11-21 12:00 UTC", html);
        Assert.Contains(">11:10<", html);
        Assert.Contains(">30 ms<", html);
        Assert.Contains("instance=&quot;a:9090&quot;", html);
        Assert.DoesNotContain("job=&quot;api&quot;", html);
    }

    [Fact]
    public void ManySeries_ShowTheTopEight_AndSaySoForTheRest()
    {
        var series = Enumerable.Range(0, 12).Select(i => Series($"host-{i:00}", i)).ToList();

        var html = ChartPage.Render(series, "t", From, From.AddHours(1), null, 1200, 600);

        Assert.Equal(8, html.Split("<path ").Length - 1);
        Assert.Contains("+4 more series not shown", html);
        Assert.Contains("host-11", html);
        Assert.DoesNotContain("host-00", html);
    }

    [Theory]
    [InlineData(0, 97, 0, 100, 20)]
    [InlineData(0.2, 0.9, 0, 1, 0.2)]
    [InlineData(-5, 5, -6, 6, 2)]
    [InlineData(1, 1, 0, 2, 0.5)]
    public void ValueAxis_HasRoundTicks(double min, double max, double expectedMin, double expectedMax, double expectedStep)
    {
        var (lo, hi, step) = NiceScale.For(min, max);

        Assert.Equal((expectedMin, expectedMax, expectedStep), (Math.Round(lo, 9), Math.Round(hi, 9), Math.Round(step, 9)));
    }

    [Theory]
    [InlineData(60, "11:10", "12:00")]
    [InlineData(6 * 60, "12:00", "17:00")]
    [InlineData(7 * 24 * 60, "11-22 00:00", "11-28 00:00")]
    public void TimeAxis_HasRoundUtcTicks(int minutes, string first, string last)
    {
        var ticks = TimeTicks.For(From, From.AddMinutes(minutes));

        Assert.InRange(ticks.Count, 4, 9);
        Assert.Equal(first, ticks[0].Label == "11:00" ? ticks[1].Label : ticks[0].Label);
        Assert.Equal(last, ticks[^1].Label);
    }

    [Theory]
    [InlineData(1234567, null, "1.235M")]
    [InlineData(0.25, "%", "0.25%")]
    [InlineData(1500, "req/s", "1.5k req/s")]
    public void Values_AreShort(double value, string? unit, string expected)
    {
        Assert.Equal(expected, ChartPage.Format(value, unit));
    }

    [Theory]
    [InlineData(0.9999999999999999, 1.0)]
    [InlineData(99.99999999999999, 100)]
    [InlineData(1e16, 1e16 + 2)]
    [InlineData(-1e-300, 1e-300)]
    public void NearlyEqualValues_StillGiveAFewTicks(double min, double max)
    {
        var (lo, hi, step) = NiceScale.For(min, max);

        Assert.True(step > 0 && lo + step > lo, "the step does not advance");
        Assert.InRange((hi - lo) / step, 1, 20);
        var html = ChartPage.Render([new(new Dictionary<string, string>(), [new(From, min), new(From.AddMinutes(1), max)])], "t", From, From.AddMinutes(1), null, 800, 400);
        Assert.InRange(html.Length, 500, 50_000);
    }
}
