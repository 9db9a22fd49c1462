using Google.Protobuf;

namespace ChatOps.Tests.OpsService.Profiles;

/// <summary>Writes pprof profiles field by field (numbers of perftools.profiles), so tests can make ones that lie.</summary>
public sealed class PprofBytes
{
    private readonly MemoryStream _buffer = new();
    private readonly CodedOutputStream _out;

    public PprofBytes() => _out = new CodedOutputStream(_buffer);

    public PprofBytes SampleType(long type, long unit) => Message(1, o => { Int(o, 1, type); Int(o, 2, unit); });

    public PprofBytes Sample(long[] locations, params long[] values) => Message(2, o =>
    {
        foreach (var l in locations) Int(o, 1, l);
        foreach (var v in values) Int(o, 2, v);
    });

    public PprofBytes Location(long id, params long[] functions) => Message(4, o =>
    {
        Int(o, 1, id);
        foreach (var f in functions) Message(o, 4, l => Int(l, 1, f));
    });

    public PprofBytes Function(long id, long name) => Message(5, o => { Int(o, 1, id); Int(o, 2, name); });

    public PprofBytes Strings(params string[] strings)
    {
        foreach (var s in strings)
        {
            _out.WriteTag(6, WireFormat.WireType.LengthDelimited);
            _out.WriteString(s);
        }
        return this;
    }

    public byte[] ToArray()
    {
        _out.Flush();
        return _buffer.ToArray();
    }

    private PprofBytes Message(int field, Action<CodedOutputStream> body)
    {
        Message(_out, field, body);
        return this;
    }

    private static void Message(CodedOutputStream o, int field, Action<CodedOutputStream> body)
    {
        using var inner = new MemoryStream();
        var nested = new CodedOutputStream(inner);
        body(nested);
        nested.Flush();
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(inner.ToArray()));
    }

    private static void Int(CodedOutputStream o, int field, long value)
    {
        o.WriteTag(field, WireFormat.WireType.Varint);
        o.WriteInt64(value);
    }
}
