using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using ChatOps.Core.Graphs;
using ChatOps.Core.Ops.Model;
using ChatOps.OpsService.Profiles;
using ChatOps.Rendering.Flames;
using ProfileBench;

// Time and memory to decode and draw a 5 MB heap profile: the Ops service's decoder (gunzip, parse, summarise,
// flame tree) and the bot's flame graph, each in this process, one warm-up then the timed runs.
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var gz = SyntheticHeap.Gzipped(5 * 1024 * 1024);
long inflated;
using (var g = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress))
using (var sink = new MemoryStream()) { g.CopyTo(sink); inflated = sink.Length; }
Console.WriteLine($"profile: {inflated / 1048576.0:0.00} MB ({gz.Length / 1048576.0:0.00} MB gzipped); load {File.ReadAllText("/proc/loadavg").Trim()}");

var decode = new List<double>();
var draw = new List<double>();
long decodeAllocated = 0, drawAllocated = 0;
for (var i = 0; i <= runs; i++)
{
    var allocated = GC.GetAllocatedBytesForCurrentThread();
    var watch = Stopwatch.StartNew();
    var summary = await PprofDecoder.DecodeAsync(gz, 32L * 1024 * 1024);
    var decoded = watch.Elapsed.TotalMilliseconds;
    var afterDecode = GC.GetAllocatedBytesForCurrentThread();
    var frames = summary.Flame.Select(f => new ProfileFrame(f.Name, f.Value, f.Parent)).ToList();
    watch.Restart();
    var png = FlameGraph.Draw(new FlameGraphSpec(frames, summary.Total, "bench: heap profile", "synthetic", 1200));
    var drawn = watch.Elapsed.TotalMilliseconds;
    if (i == 0)
    {
        Console.WriteLine($"warm-up: decode {decoded:0} ms, draw {drawn:0} ms; {summary.SampleCount} samples, {frames.Count} frames, PNG {png.Length / 1024} KB");
        continue;
    }
    decode.Add(decoded);
    draw.Add(drawn);
    decodeAllocated = afterDecode - allocated;
    drawAllocated = GC.GetAllocatedBytesForCurrentThread() - afterDecode;
}
decode.Sort();
draw.Sort();
Console.WriteLine($"decode: median {decode[decode.Count / 2]:0} ms, max {decode[^1]:0} ms, allocated {decodeAllocated / 1048576.0:0} MB per run");
Console.WriteLine($"draw:   median {draw[draw.Count / 2]:0} ms, max {draw[^1]:0} ms, allocated {drawAllocated / 1048576.0:0} MB per run");
Console.WriteLine($"process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MB");
