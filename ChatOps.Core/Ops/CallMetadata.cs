using System.Security.Cryptography;
using System.Text;
using ChatOps.Core.Ops.Model;
using Grpc.Core;

namespace ChatOps.Core.Ops;

/// <summary>The call metadata of every Ops call (docs/ops-service.md): who asked, where, for which
/// command, and a W3C traceparent. The bearer token is added by <see cref="OpsMetadataInterceptor"/>.</summary>
internal static class CallMetadata
{
    public const int MaxValueLength = 200;

    public static Metadata For(OpsCaller caller)
    {
        var metadata = new Metadata
        {
            { "x-chatops-user", caller.UserId },
            { "x-chatops-channel", caller.ChannelId },
            { "x-chatops-command", caller.Command },
            { "traceparent", NewTraceParent(caller.TraceId) },
        };
        // The Ops service of one environment can log (and refuse) a call meant for another.
        if (caller.Environment is { } environment) metadata.Add("x-chatops-environment", environment);
        return metadata;
    }

    /// <summary>Version 00, the command's trace id (or a random one), a random span id, sampled.</summary>
    public static string NewTraceParent(string? traceId = null)
    {
        var trace = traceId is { Length: 32 } && traceId.All(char.IsAsciiHexDigitLower) && traceId.Any(c => c != '0')
            ? traceId
            : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return $"00-{trace}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01";
    }

    /// <summary>gRPC metadata values are printable ASCII; anything else would make the call fail
    /// (Slack text can hold any character), and a bound keeps headers small.</summary>
    public static string Sanitise(string value)
    {
        var sb = new StringBuilder(Math.Min(value.Length, MaxValueLength));
        foreach (var c in value.Take(MaxValueLength)) sb.Append(c is >= ' ' and <= '~' ? c : '?');
        return sb.ToString();
    }
}
