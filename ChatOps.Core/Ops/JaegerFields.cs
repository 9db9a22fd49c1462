using System.Globalization;
using ChatOps.Core.Ops.Model;
using ChatOps.Wire.Jaeger;
using ValueType = ChatOps.Wire.Jaeger.ValueType;

namespace ChatOps.Core.Ops;

/// <summary>Turns Jaeger's typed KeyValue into a readable field.</summary>
internal static class JaegerFields
{
    public static LogField ToLogField(KeyValue kv) => new(kv.Key, kv.VType switch
    {
        ValueType.Bool => kv.VBool ? "true" : "false",
        ValueType.Int64 => kv.VInt64.ToString(CultureInfo.InvariantCulture),
        ValueType.Float64 => kv.VFloat64.ToString("R", CultureInfo.InvariantCulture),
        ValueType.Binary => "0x" + Convert.ToHexStringLower(kv.VBinary.Span),
        _ => kv.VStr,
    });
}
