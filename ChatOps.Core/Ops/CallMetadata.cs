using System.Security.Cryptography;
using System.Text;
using ChatOps.Core.Ops.Model;

namespace ChatOps.Core.Ops;

/// <summary>The call metadata of every Ops call (ops-contract.md): who asked, where, for which
/// command, a W3C traceparent, and the bearer token when one is configured.</summary>
internal static class CallMetadata
{
    public static IReadOnlyDictionary<string, string> For(OpsCaller caller, string? token)
    {
        var headers = new Dictionary<string, string>
        {
            ["x-chatops-user"] = Ascii(caller.UserId),
            ["x-chatops-channel"] = Ascii(caller.ChannelId),
            ["x-chatops-command"] = Ascii(caller.Command),
            ["traceparent"] = NewTraceParent(caller.TraceId),
        };
        if (!string.IsNullOrWhiteSpace(token)) headers["authorization"] = "Bearer " + token.Trim();
        return headers;
    }

    /// <summary>Version 00, the command's trace id (or a random one), a random span id, sampled.</summary>
    public static string NewTraceParent(string? traceId = null)
    {
        var trace = traceId is { Length: 32 } && traceId.All(char.IsAsciiHexDigitLower) && traceId.Any(c => c != '0')
            ? traceId
            : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return $"00-{trace}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01";
    }

    // gRPC metadata values are printable ASCII; anything else would make the call fail.
    private static string Ascii(string value)
    {
        var sb = new StringBuilder(Math.Min(value.Length, 200));
        foreach (var c in value.Take(200)) sb.Append(c is >= ' ' and <= '~' ? c : '?');
        return sb.ToString();
    }
}
