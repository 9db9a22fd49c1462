using ChatOps.Core.Graphs;
using ChatOps.Core.Ops.Model;
using ChatOps.OpsService.Profiles;
using ChatOps.Rendering.Flames;
using ChatOps.Tests.OpsService.Profiles;
using ChatOps.Tests.Support;
using SkiaSharp;

namespace ChatOps.Tests.Rendering;

/// <summary>The flame graph's pixels: each frame where its share of the total puts it, in its package's colour.</summary>
public sealed class FlameGraphTests
{
    private const int Width = 1200;
    private const float Inner = Width - 2 * FlameGraph.Margin;

    [Fact]
    public void HottestFrame_IsDrawnLeftmost_AtItsShare_InItsPackageColour()
    {
        ProfileFrame[] frames =
        [
            new("main.main", 100, -1),
            new("main.hot", 80, 0),
            new("net/http.(*conn).serve", 20, 0),
            new("compress/flate.(*compressor).deflate", 70, 1),
        ];

        var png = Png.Decode(FlameGraph.Draw(new FlameGraphSpec(frames, 100, "cpu", "test", Width)));

        var row2 = (int)FlameGraph.RowTop(2) + 2;
        var row3 = (int)FlameGraph.RowTop(3) + 2;
        Assert.Equal(Rgb(FlamePalette.ColourOf("main.hot")), png.At((int)(FlameGraph.Margin + Inner * 0.40), row2));
        Assert.Equal(Rgb(FlamePalette.ColourOf("net/http.(*conn).serve")), png.At((int)(FlameGraph.Margin + Inner * 0.90), row2));
        Assert.Equal(Rgb(FlamePalette.ColourOf("compress/flate.x")), png.At((int)(FlameGraph.Margin + Inner * 0.35), row3));
        // Nothing under main.hot past its callee's 70%: the rest of main.hot is its own time.
        Assert.Equal(((byte)255, (byte)255, (byte)255), png.At((int)(FlameGraph.Margin + Inner * 0.75), row3));
        Assert.NotEqual(FlamePalette.ColourOf("main.hot"), FlamePalette.ColourOf("net/http.x"));
    }

    [Fact]
    public async Task PrometheusCpuProfile_DrawsItsWidestRootAtTheLeft_InRuntimeOrPromqlColour()
    {
        var summary = await PprofDecoder.DecodeAsync(ProfileFixtures.Read("prometheus-cpu.pb.gz"), 32L * 1024 * 1024);
        var frames = summary.Flame.Select(f => new ProfileFrame(f.Name, f.Value, f.Parent)).ToList();
        var bytes = FlameGraph.Draw(new FlameGraphSpec(frames, summary.Total, "prometheus: cpu for 3 s", "370 ms of CPU", Width));
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "chatops-flame-prometheus-cpu.png"), bytes);

        var png = Png.Decode(bytes);
        var root = frames[0];
        var share = (float)root.Value / summary.Total;

        Assert.Equal(Width, png.Width);
        Assert.Equal(Rgb(FlamePalette.ColourOf(root.Name)), png.At((int)(FlameGraph.Margin + Inner * share / 2), (int)FlameGraph.RowTop(1) + 2));
        Assert.True(png.Height > FlameGraph.RowTop(10), "the stacks are drawn, several rows deep");
    }

    [Theory]
    [InlineData("github.com/prometheus/prometheus/promql.(*Engine).exec", "github.com/prometheus/prometheus/promql")]
    [InlineData("runtime.gopark", "runtime")]
    [InlineData("0x4a1b2c", "0x4a1b2c")]
    public void Package_IsTheImportPath(string function, string package) => Assert.Equal(package, FlamePalette.PackageOf(function));

    private static (byte, byte, byte) Rgb(SKColor c) => (c.Red, c.Green, c.Blue);
}
