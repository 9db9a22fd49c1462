using Google.Protobuf;

namespace ChatOps.Tests.OpsService.Profiles;

/// <summary>The two protobuf writers a pprof profile needs: a nested message and a varint, by field number. Shared (as a
/// linked file) by the tests' hand-made profiles and the decode bench's synthetic heap.</summary>
internal static class PprofFields
{
    public static void Message(CodedOutputStream o, int field, Action<CodedOutputStream> body)
    {
        using var inner = new MemoryStream();
        var nested = new CodedOutputStream(inner);
        body(nested);
        nested.Flush();
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(inner.ToArray()));
    }

    public static void Int(CodedOutputStream o, int field, long value)
    {
        o.WriteTag(field, WireFormat.WireType.Varint);
        o.WriteInt64(value);
    }
}
