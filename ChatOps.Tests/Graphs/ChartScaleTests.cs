using ChatOps.Core.Graphs;

namespace ChatOps.Tests.Graphs;

/// <summary>Chart scales: round value ticks, UTC time ticks, short unit-aware labels (the drawing is in Rendering/).</summary>
public sealed class ChartScaleTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 21, 11, 0, 0, TimeSpan.Zero);

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
    [InlineData(0.25, "s", "250 ms")]
    [InlineData(3 * 1024 * 1024, "bytes", "3 MiB")]
    public void Values_AreShort(double value, string? unit, string expected)
    {
        Assert.Equal(expected, ValueFormat.Format(value, unit));
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
    }
}
