using System.Buffers.Binary;
using System.IO.Compression;

namespace ChatOps.Tests.Support;

/// <summary>Just enough PNG decoding (8-bit RGB/RGBA, non-interlaced: what Chromium writes) to check
/// a rendered graph's size and that it is not blank.</summary>
public sealed record Png(int Width, int Height, int Channels, byte[] Pixels)
{
    public static Png Decode(byte[] file)
    {
        Assert.True(file.AsSpan(0, 8).SequenceEqual(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }), "not a PNG signature");
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at < file.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(file, at + 4, 4);
            var data = file.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]);
                channels = data[9] switch { 2 => 3, 6 => 4, var c => throw new NotSupportedException($"PNG colour type {c}") };
                Assert.Equal(0, data[12]);
            }
            else if (type == "IDAT") idat.Write(data);
            at += 12 + length;
        }
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.CopyTo(inflated);
        return new Png(width, height, channels, Unfilter(inflated.ToArray(), width, height, channels));
    }

    private static byte[] Unfilter(byte[] raw, int width, int height, int bpp)
    {
        var stride = width * bpp;
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                var v = raw[y * (stride + 1) + 1 + x];
                int a = x >= bpp ? pixels[y * stride + x - bpp] : 0;
                int b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
                int c = x >= bpp && y > 0 ? pixels[(y - 1) * stride + x - bpp] : 0;
                pixels[y * stride + x] = (byte)(v + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    _ => Paeth(a, b, c),
                });
            }
        }
        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    public (byte R, byte G, byte B) At(int x, int y)
    {
        var i = (y * Width + x) * Channels;
        return (Pixels[i], Pixels[i + 1], Pixels[i + 2]);
    }

    /// <summary>Pixels that differ from the top-left (background) colour.</summary>
    public int CountNot((byte R, byte G, byte B) background) =>
        Enumerable.Range(0, Height).Sum(y => Enumerable.Range(0, Width).Count(x => At(x, y) != background));

    public int Count(Func<(byte R, byte G, byte B), bool> match) =>
        Enumerable.Range(0, Height).Sum(y => Enumerable.Range(0, Width).Count(x => match(At(x, y))));
}
