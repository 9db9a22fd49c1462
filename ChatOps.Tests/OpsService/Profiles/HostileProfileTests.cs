using ChatOps.OpsService.Profiles;

namespace ChatOps.Tests.OpsService.Profiles;

/// <summary>Profiles small in bytes that ask for a great deal of work: read within bounds, or refused with a reason.</summary>
public sealed class HostileProfileTests
{
    private const long Limit = 32L * 1024 * 1024;

    [Fact]
    public async Task OneSampleRepeatingALocationMillionsOfTimes_IsCutAtTheRootSide_WithinBoundedMemory()
    {
        var raw = new PprofBytes()
            .SampleType(1, 2)
            .Location(1, 1)
            .Function(1, 3)
            .Sample(Enumerable.Repeat(1L, 1_000_000).ToArray(), 10)
            .Strings("", "cpu", "nanoseconds", "main.spin")
            .ToArray();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var summary = await PprofDecoder.DecodeAsync(raw, Limit);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(allocated, 0, 150L * 1024 * 1024);
        Assert.Equal(10, summary.Total);
        Assert.Equal(PprofDecoder.CutFrame, summary.Flame[0].Name);
        Assert.Equal(-1, summary.Flame[0].Parent);
        Assert.Equal(PprofDecoder.MaxDepth + 1, summary.Flame.Count);
        Assert.Equal("main.spin", summary.Top[0].Name);
    }

    [Fact]
    public async Task ManySamplesOfDeepLocations_OverTheFrameBudget_AreRefusedWithAReason()
    {
        var bytes = new PprofBytes().SampleType(1, 2).Location(1, Enumerable.Repeat(1L, 1000).ToArray()).Function(1, 3);
        for (var i = 0; i < PprofDecoder.MaxFrames / 1000 + 1; i++) bytes.Sample([1], 1);
        var raw = bytes.Strings("", "cpu", "nanoseconds", "main.spin").ToArray();

        var failure = await Assert.ThrowsAsync<ProfileFailure>(() => PprofDecoder.DecodeAsync(raw, Limit));

        Assert.Contains("too large", failure.Message);
    }

    [Fact]
    public async Task SamplesWithMoreDistinctPathsThanTheTreeHolds_FoldTheRestIntoMore()
    {
        var names = Enumerable.Range(0, 500).Select(i => $"f{i}").ToArray();
        var bytes = new PprofBytes().SampleType(1, 2);
        for (var i = 0; i < names.Length; i++) bytes.Location(i + 1, i + 1).Function(i + 1, i + 3);
        // 450 x 450 distinct two-frame paths: more leaves than the tree keeps.
        for (var a = 0; a < 450; a++)
            for (var b = 0; b < 450; b++)
                bytes.Sample([b + 1, a + 1], 1);
        var raw = bytes.Strings(["", "cpu", "nanoseconds", .. names]).ToArray();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var summary = await PprofDecoder.DecodeAsync(raw, Limit);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(450 * 450, summary.Total);
        Assert.Contains(summary.Flame, e => e.Name == PprofDecoder.MoreFrame);
        Assert.InRange(allocated, 0, 400L * 1024 * 1024);
    }

    [Fact]
    public async Task ACancelledCapture_StopsReadingAHostileProfile()
    {
        var bytes = new PprofBytes().SampleType(1, 2).Location(1, 1).Function(1, 3);
        for (var i = 0; i < 5000; i++) bytes.Sample([1], 1);
        var raw = bytes.Strings("", "cpu", "nanoseconds", "main.spin").ToArray();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PprofDecoder.DecodeAsync(raw, Limit, new CancellationToken(canceled: true)));
    }
}
