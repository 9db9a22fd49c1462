using ChatOps.OpsService.Profiles;

namespace ChatOps.Tests.OpsService.Profiles;

/// <summary>Profiles captured from a real Prometheus decoded, and damaged or hostile ones refused with a reason.</summary>
public sealed class PprofDecoderTests
{
    private const long Limit = 32L * 1024 * 1024;

    [Fact]
    public async Task CpuProfile_FromPrometheus_SumsCpuNanoseconds_AndNamesTheHottestFunctionFirst()
    {
        var summary = await PprofDecoder.DecodeAsync(ProfileFixtures.Read("prometheus-cpu.pb.gz"), Limit);

        Assert.Equal(("cpu", "nanoseconds"), (summary.SampleType, summary.Unit));
        Assert.Equal(34, summary.SampleCount);
        Assert.Equal(370_000_000, summary.Total);   // `go tool pprof -top`: "Total samples = 370ms"
        Assert.Equal(3_000_000_000, summary.DurationNanos, 200_000_000.0);
        Assert.Equal(ExpectedTopCpu, summary.Top[0].Name);
        Assert.Equal(100_000_000, summary.Top[0].Flat);   // pprof: 100ms flat, 27.03%
        Assert.True(summary.Top.Zip(summary.Top.Skip(1)).All(p => p.First.Flat >= p.Second.Flat), "sorted by flat");
        Assert.All(summary.Top, t => Assert.InRange(t.Flat, 0, t.Cumulative));
        Assert.All(summary.Top, t => Assert.InRange(t.Cumulative, 1, summary.Total));
    }

    // The first line of `go tool pprof -top` for each fixture (run by hand, see Fixtures/Profiles/README.md).
    private const string ExpectedTopCpu = "runtime.asyncPreempt";

    [Fact]
    public async Task HeapProfile_FromPrometheus_UsesInuseSpace_ThePreferredSampleType()
    {
        var summary = await PprofDecoder.DecodeAsync(ProfileFixtures.Read("prometheus-heap.pb.gz"), Limit);

        Assert.Equal(("inuse_space", "bytes"), (summary.SampleType, summary.Unit));
        Assert.Equal(ExpectedHeapTotal, summary.Total);
        Assert.Equal(ExpectedTopHeap, summary.Top[0].Name);
        Assert.Equal(0.4924, (double)summary.Top[0].Flat / summary.Total, 4);
    }

    // pprof: "48.84MB total", "24.05MB 49.24% ... promql.getPointSlice"
    private const long ExpectedHeapTotal = 51_212_173;
    private const string ExpectedTopHeap = "github.com/prometheus/prometheus/promql.getPointSlice";

    [Fact]
    public async Task GoroutineProfile_CountsGoroutines_WithGoparkOnTop()
    {
        var summary = await PprofDecoder.DecodeAsync(ProfileFixtures.Read("prometheus-goroutine.pb.gz"), Limit);

        Assert.Equal(("goroutine", "count"), (summary.SampleType, summary.Unit));
        Assert.Equal("runtime.gopark", summary.Top[0].Name);
        Assert.Equal(24, summary.Total);   // pprof: "24 total", 22 in runtime.gopark
        Assert.Equal(22, summary.Top[0].Flat);
    }

    [Fact]
    public async Task FlameTree_HasParentsFirst_RootsSumToTheTotal_AndTheWidestRootFirst()
    {
        var summary = await PprofDecoder.DecodeAsync(ProfileFixtures.Read("prometheus-cpu.pb.gz"), Limit);

        var flame = summary.Flame;
        Assert.All(flame.Select((f, i) => (f, i)), x => Assert.InRange(x.f.Parent, -1, x.i - 1));
        var roots = flame.Where(f => f.Parent == -1).ToList();
        Assert.Equal(summary.Total, roots.Sum(r => r.Value));
        Assert.Equal(roots.Max(r => r.Value), roots[0].Value);
        for (var i = 0; i < flame.Count; i++)
            Assert.True(flame.Where(c => c.Parent == i).Sum(c => c.Value) <= flame[i].Value, $"children of {flame[i].Name} wider than it");
    }

    [Fact]
    public async Task IdleCpuProfile_HasNoSamples()
    {
        var summary = await PprofDecoder.DecodeAsync(ProfileFixtures.Read("prometheus-cpu-idle.pb.gz"), Limit);

        Assert.Equal(0, summary.Total);
        Assert.Empty(summary.Flame);
    }

    [Fact]
    public async Task TruncatedProfile_IsRefusedAsCorrupt()
    {
        var whole = ProfileFixtures.Gunzip(ProfileFixtures.Read("prometheus-heap.pb.gz"));
        var cut = ProfileFixtures.Gzip(whole[..(whole.Length / 2)]);

        var failure = await Assert.ThrowsAsync<ProfileFailure>(() => PprofDecoder.DecodeAsync(cut, Limit));

        Assert.Contains("corrupt", failure.Message);
    }

    [Fact]
    public async Task TruncatedGzipStream_IsRefused()
    {
        var gz = ProfileFixtures.Read("prometheus-heap.pb.gz");

        var failure = await Assert.ThrowsAsync<ProfileFailure>(() => PprofDecoder.DecodeAsync(gz[..(gz.Length / 2)], Limit));

        Assert.Contains("corrupt", failure.Message);
    }

    [Fact]
    public async Task GzipBomb_StopsAtTheLimit_InsteadOfInflating()
    {
        var bomb = ProfileFixtures.GzipBomb(64L * 1024 * 1024);
        Assert.True(bomb.Length < 1024 * 1024, "the bomb is small on the wire");
        var before = GC.GetAllocatedBytesForCurrentThread();

        var failure = await Assert.ThrowsAsync<ProfileFailure>(() => PprofDecoder.DecodeAsync(bomb, 4L * 1024 * 1024));

        Assert.Equal("the profile decompresses to more than the limit of 4 MB", failure.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 32L * 1024 * 1024, "it never held the 64 MB");
    }

    [Fact]
    public async Task RandomBytes_AreRefusedAsCorrupt()
    {
        var noise = new byte[4096];
        new Random(7).NextBytes(noise);

        var failure = await Assert.ThrowsAsync<ProfileFailure>(() => PprofDecoder.DecodeAsync(noise, Limit));

        Assert.Contains("corrupt", failure.Message);
    }

    public static TheoryData<string, byte[]> Lies => new()
    {
        { "a name points outside its string table", new PprofBytes().SampleType(1, 99).Strings("", "cpu").ToArray() },
        { "a sample points at a location it does not hold",
            new PprofBytes().SampleType(1, 2).Function(1, 3).Location(1, 1).Sample([7], 10).Strings("", "cpu", "nanoseconds", "main.f").ToArray() },
        { "a location points at a function it does not hold",
            new PprofBytes().SampleType(1, 2).Location(1, 9).Sample([1], 10).Strings("", "cpu", "nanoseconds").ToArray() },
        { "a sample's values do not match its sample types",
            new PprofBytes().SampleType(1, 2).Function(1, 3).Location(1, 1).Sample([1], 10, 20).Strings("", "cpu", "nanoseconds", "main.f").ToArray() },
        { "its values overflow",
            new PprofBytes().SampleType(1, 2).Function(1, 3).Location(1, 1).Sample([1], long.MaxValue).Sample([1], long.MaxValue)
                .Strings("", "cpu", "nanoseconds", "main.f").ToArray() },
        { "it names no sample type", new PprofBytes().Strings("").ToArray() },
    };

    [Theory]
    [MemberData(nameof(Lies))]
    public async Task ProfileThatLies_IsRefusedWithTheReason(string reason, byte[] profile)
    {
        var failure = await Assert.ThrowsAsync<ProfileFailure>(() => PprofDecoder.DecodeAsync(profile, Limit));

        Assert.Equal($"the profile is corrupt ({reason})", failure.Message);
    }

    [Fact]
    public async Task InlinedFrames_ReadCallerFirst_AndRecursionCountsOncePerSample()
    {
        // One location holding main.leaf inlined into main.outer; main.outer calls itself once more.
        var profile = new PprofBytes().SampleType(1, 2)
            .Function(1, 3).Function(2, 4)
            .Location(1, 2, 1).Location(2, 1)
            .Sample([1, 2], 30)
            .Strings("", "cpu", "nanoseconds", "main.outer", "main.leaf").ToArray();

        var summary = await PprofDecoder.DecodeAsync(profile, Limit);

        Assert.Equal(["main.outer", "main.outer", "main.leaf"], Path(summary.Flame));
        Assert.Equal(new TopFunction("main.leaf", 30, 30), summary.Top[0]);
        Assert.Equal(new TopFunction("main.outer", 0, 30), summary.Top[1]);
    }

    private static List<string> Path(IReadOnlyList<FlameEntry> flame)
    {
        var path = new List<string>();
        for (var i = 0; i < flame.Count; i++)
            if (flame[i].Parent == path.Count - 1) path.Add(flame[i].Name);
        return path;
    }
}
