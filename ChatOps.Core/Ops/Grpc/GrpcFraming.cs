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

    /// <summary>Reads the one message of a unary body. Errors are statuses, never exceptions of other types.</summary>
    public static byte[] ReadSingle(ReadOnlySpan<byte> body, int maxMessageBytes)
    {
        if (body.Length < PrefixLength)
            throw new GrpcException(GrpcStatusCode.Internal, $"response body of {body.Length} bytes holds no gRPC message");
        if (body[0] != 0)
            throw new GrpcException(GrpcStatusCode.Internal, "response message is compressed, which was not offered");
        var length = BinaryPrimitives.ReadUInt32BigEndian(body[1..]);
        if (length > maxMessageBytes)
            throw new GrpcException(GrpcStatusCode.ResourceExhausted, $"response message of {length} bytes exceeds the {maxMessageBytes}-byte limit");
        if (body.Length != PrefixLength + length)
            throw new GrpcException(GrpcStatusCode.Internal, $"response frame says {length} bytes but the body holds {body.Length - PrefixLength}");
        return body.Slice(PrefixLength, (int)length).ToArray();
    }
}
