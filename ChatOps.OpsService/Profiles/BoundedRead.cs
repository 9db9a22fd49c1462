using System.IO.Compression;

namespace ChatOps.OpsService.Profiles;

/// <summary>Reads a body or a gzip stream into memory, never past a limit: a huge answer or a gzip bomb stops at
/// limit + 1 bytes instead of filling the memory.</summary>
public static class BoundedRead
{
    public static async Task<byte[]?> ReadAsync(Stream stream, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var n = await stream.ReadAsync(chunk, ct).ConfigureAwait(false);
            if (n == 0) return buffer.ToArray();
            if (buffer.Length + n > limit) return null;
            buffer.Write(chunk, 0, n);
        }
    }

    public static bool IsGzip(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;

    /// <summary>The decompressed bytes; a stream that would decompress past <paramref name="limit"/> or is not valid
    /// gzip is a <see cref="ProfileFailure"/>.</summary>
    public static async Task<byte[]> GunzipAsync(byte[] gzipped, long limit, CancellationToken ct)
    {
        try
        {
            await using var gzip = new GZipStream(new MemoryStream(gzipped, writable: false), CompressionMode.Decompress);
            return await ReadAsync(gzip, limit, ct).ConfigureAwait(false)
                ?? throw new ProfileFailure($"the profile decompresses to more than the limit of {Sizes.Of(limit)}");
        }
        catch (InvalidDataException ex)
        {
            throw new ProfileFailure("the profile is corrupt (its gzip stream is damaged)", ex);
        }
    }
}
