using System.Globalization;
using System.Text.Json.Nodes;
using ChatOps.OpsService.Backends;
using ChatOps.Wire.Jaeger;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using ValueType = ChatOps.Wire.Jaeger.ValueType;

namespace ChatOps.OpsService.Service;

/// <summary>Jaeger JSON log events as the contract's jaeger.api_v2.Log messages, keeping value types.</summary>
internal static class JaegerLogs
{
    public static Log ToWire(JaegerLog log)
    {
        // Clamped: a timestamp in the wrong unit must not take the whole trace down.
        var micros = Math.Clamp(log.TimestampMicros, 0, 253402300799_000_000L - 62135596800_000_000L);
        var wire = new Log { Timestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddTicks(micros * 10)) };
        wire.Fields.AddRange(log.Fields.Select(ToKeyValue));
        return wire;
    }

    private static KeyValue ToKeyValue(JaegerField f)
    {
        var kv = new KeyValue { Key = f.Key };
        switch (f.Type)
        {
            case "bool" when f.Value is JsonValue v && v.TryGetValue<bool>(out var b):
                kv.VType = ValueType.Bool;
                kv.VBool = b;
                break;
            case "int64" when long.TryParse(f.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n):
                kv.VType = ValueType.Int64;
                kv.VInt64 = n;
                break;
            case "float64" when double.TryParse(f.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d):
                kv.VType = ValueType.Float64;
                kv.VFloat64 = d;
                break;
            case "binary":
                kv.VType = ValueType.Binary;
                kv.VBinary = TryBase64(f.Text);
                break;
            default:
                kv.VType = ValueType.String;
                kv.VStr = f.Text;
                break;
        }
        return kv;
    }

    private static ByteString TryBase64(string text)
    {
        try
        {
            return ByteString.FromBase64(text);
        }
        catch (FormatException)
        {
            return ByteString.CopyFromUtf8(text);
        }
    }
}
