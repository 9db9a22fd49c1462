using System.IO.Compression;
using Google.Protobuf;
using static ChatOps.Tests.OpsService.Profiles.PprofFields;

namespace ProfileBench;

/// <summary>A heap profile shaped like a large Go service's: four sample types, thousands of functions in hundreds
/// of packages, deep stacks sharing their roots, written field by field to about the size asked for.</summary>
internal static class SyntheticHeap
{
    public static byte[] Gzipped(int targetBytes, int seed = 42)
    {
        var random = new Random(seed);
        var strings = new List<string> { "", "alloc_objects", "count", "alloc_space", "bytes", "inuse_objects", "inuse_space" };
        const int functions = 20_000, locations = 30_000;
        using var raw = new MemoryStream();
        var o = new CodedOutputStream(raw);
        for (var t = 0; t < 4; t++) Message(o, 1, m => { Int(m, 1, 1 + 2 * t); Int(m, 2, t % 2 == 0 ? 2 : 4); });
        for (var f = 1; f <= functions; f++)
        {
            strings.Add($"github.com/example/service{f % 7}/pkg{f % 300}.(*Type{f % 50}).Method{f}");
            var name = strings.Count - 1;
            Message(o, 5, m => { Int(m, 1, f); Int(m, 2, name); });
        }
        for (var l = 1; l <= locations; l++)
        {
            var function = 1 + (l * 7919) % functions;
            Message(o, 4, m => { Int(m, 1, l); Int(m, 3, 0x400000 + l * 16); Message(m, 4, line => { Int(line, 1, function); Int(line, 2, l % 900); }); });
        }
        o.Flush();
        while (raw.Length < targetBytes)
        {
            // Stacks share their callers (a few roots, then branching), as real call trees do.
            var depth = random.Next(8, 40);
            var stack = new long[depth];
            for (var d = 0; d < depth; d++) stack[depth - 1 - d] = 1 + (d < 4 ? d : random.Next(Math.Min(locations, d * 800))) ;
            var bytes = random.Next(16, 1 << 20);
            Message(o, 2, m =>
            {
                foreach (var id in stack) Int(m, 1, id);
                Int(m, 2, random.Next(1, 50)); Int(m, 2, bytes * 3L); Int(m, 2, random.Next(0, 5)); Int(m, 2, bytes);
            });
            o.Flush();
        }
        foreach (var s in strings) { o.WriteTag(6, WireFormat.WireType.LengthDelimited); o.WriteString(s); }
        o.WriteTag(14, WireFormat.WireType.Varint);
        o.WriteInt64(6);
        o.Flush();
        using var gz = new MemoryStream();
        using (var g = new GZipStream(gz, CompressionLevel.Fastest)) g.Write(raw.ToArray());
        return gz.ToArray();
    }
}
