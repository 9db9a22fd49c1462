using Grpc.Core;

namespace ChatOps.OpsService.Grpc;

/// <summary>
/// A caller's metadata value as safe log text. HTTP/2 lets a header carry control characters (an
/// escape sequence, a tab, DEL), and any caller can set x-chatops-user: printed raw, such a value
/// could forge or hide log lines. Printable ASCII only, bounded.
/// </summary>
internal static class MetadataText
{
    public const int MaxLength = 128;

    public static string Of(ServerCallContext call, string key) => Sanitise(call.RequestHeaders.GetValue(key));

    public static string Sanitise(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "(none)";
        var chars = value.Take(MaxLength).Select(c => c is >= ' ' and <= '~' ? c : '?');
        return string.Concat(chars) + (value.Length > MaxLength ? "..." : "");
    }
}
