using System.IO.Compression;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.OpsService.Profiles;

/// <summary>Profiles captured from Debian's Prometheus 2.42 (see Fixtures/Profiles/README.md), and damaged copies.</summary>
public static class ProfileFixtures
{
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(RepoRoot.Path, "ChatOps.Tests", "Fixtures", "Profiles", name));

    public static byte[] Gunzip(byte[] gz)
    {
        using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(bytes);
        return output.ToArray();
    }

    /// <summary>A small gzip stream that inflates to <paramref name="inflated"/> bytes of zeros.</summary>
    public static byte[] GzipBomb(long inflated)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            var zeros = new byte[1024 * 1024];
            for (long written = 0; written < inflated; written += zeros.Length) gzip.Write(zeros);
        }
        return output.ToArray();
    }
}
