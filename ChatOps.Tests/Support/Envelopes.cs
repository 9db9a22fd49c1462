using ChatOps.Core.Envelopes;

namespace ChatOps.Tests.Support;

public static class Envelopes
{
    private static long _ts = 1700000100_000000;

    /// <summary>A mention in a thread. Each call is a new message (its own ts) unless <paramref name="messageTs"/>
    /// says otherwise: the worker answers each message once.</summary>
    public static CommandEnvelope Mention(string text, string id = "EvW1", string threadTs = "1700000001.000100", string? messageTs = null) => new()
    {
        Id = id,
        Source = EnvelopeSource.Mention,
        TeamId = "T0001",
        ChannelId = "C0CHAN1",
        UserId = "U0USER1",
        MessageTs = messageTs ?? NextTs(),
        ThreadTs = threadTs,
        Text = text,
        ReceivedAt = DateTimeOffset.UtcNow,
    };

    public static string NextTs()
    {
        var n = Interlocked.Increment(ref _ts);
        return $"{n / 1_000_000}.{n % 1_000_000:D6}";
    }

    public static CommandEnvelope Slash(string text, string responseUrl, string id = "trig.1") => new()
    {
        Id = id,
        Source = EnvelopeSource.SlashCommand,
        TeamId = "T0001",
        ChannelId = "C0CHAN1",
        UserId = "U0USER1",
        Text = text,
        SlashCommand = "/ops",
        ResponseUrl = responseUrl,
        ReceivedAt = DateTimeOffset.UtcNow,
    };
}
