using Google.Protobuf;

namespace ChatOps.Tests.OpsService.Profiles;

/// <summary>Writes pprof profiles field by field (numbers of perftools.profiles), so tests can make ones that lie.</summary>
public sealed class PprofBytes
{
    private readonly MemoryStream _buffer = new();
    private readonly CodedOutputStream _out;

    public PprofBytes() => _out = new CodedOutputStream(_buffer);

    public PprofBytes SampleType(long type, long unit) => Message(1, o => { PprofFields.Int(o, 1, type); PprofFields.Int(o, 2, unit); });

    public PprofBytes Sample(long[] locations, params long[] values) => Message(2, o =>
    {
        foreach (var l in locations) PprofFields.Int(o, 1, l);
        foreach (var v in values) PprofFields.Int(o, 2, v);
    });

    public PprofBytes Location(long id, params long[] functions) => Message(4, o =>
    {
        PprofFields.Int(o, 1, id);
        foreach (var f in functions) PprofFields.Message(o, 4, l => PprofFields.Int(l, 1, f));
    });

    public PprofBytes Function(long id, long name) => Message(5, o => { PprofFields.Int(o, 1, id); PprofFields.Int(o, 2, name); });

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
        PprofFields.Message(_out, field, body);
        return this;
    }
}
