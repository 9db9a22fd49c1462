using System.Buffers.Binary;

namespace ChatOps.Core.Ops.Grpc;

/// <summary>gRPC's length-prefixed message: 1 byte compressed flag, 4 bytes big-endian length, the bytes.</summary>
public static class GrpcFraming
{
    public const int PrefixLength = 5;

    public static byte[] Frame(ReadOnlySpan<byte> message)
    {
        var framed = new byte[PrefixLength + message.Length];
        framed[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
        message.CopyTo(framed.AsSpan(PrefixLength));
        return framed;
    }

    /// <summary>Reads the one message of a unary body (request or response). Errors are <see cref="GrpcException"/>s, never other exceptions.</summary>
    public static byte[] ReadSingle(ReadOnlySpan<byte> body, int maxMessageBytes)
    {
        if (body.Length < PrefixLength)
            throw new GrpcException(GrpcStatusCode.Internal, $"a body of {body.Length} bytes holds no gRPC message");
        if (body[0] != 0)
            throw new GrpcException(GrpcStatusCode.Internal, "the message is compressed, which was not negotiated");
        var length = BinaryPrimitives.ReadUInt32BigEndian(body[1..]);
        if (length > maxMessageBytes)
            throw new GrpcException(GrpcStatusCode.ResourceExhausted, $"a message of {length} bytes exceeds the {maxMessageBytes}-byte limit");
        if (body.Length != PrefixLength + length)
            throw new GrpcException(GrpcStatusCode.Internal, $"the frame says {length} bytes but the body holds {body.Length - PrefixLength}");
        return body.Slice(PrefixLength, (int)length).ToArray();
    }

    /// <summary>Reads a whole body, refusing more than <paramref name="limit"/> bytes with RESOURCE_EXHAUSTED.</summary>
    public static async Task<byte[]> ReadBoundedAsync(Stream stream, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
                throw new GrpcException(GrpcStatusCode.ResourceExhausted, $"a body larger than {limit} bytes");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
