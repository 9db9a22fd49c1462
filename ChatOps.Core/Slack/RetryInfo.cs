using System.Globalization;

namespace ChatOps.Core.Slack;

/// <summary>Slack's retry headers: which delivery attempt this is and why the last one failed.</summary>
public sealed record RetryInfo(int Num, string? Reason)
{
    public static RetryInfo From(IReadOnlyDictionary<string, string> headers)
    {
        var num = int.TryParse(headers.GetValueOrDefault("X-Slack-Retry-Num"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return new RetryInfo(num, headers.GetValueOrDefault("X-Slack-Retry-Reason"));
    }
}
