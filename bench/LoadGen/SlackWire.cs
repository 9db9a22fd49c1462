using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LoadGen;

/// <summary>What Slack puts on the wire: signed app_mention events, freshly signed per request with a
/// unique event_id.</summary>
public static class SlackWire
{
    public const string Secret = "bench-signing-secret-51c7";
    public const string BotToken = "xoxb-bench-0000";
    public const string BotUserId = "UBENCHBOT";

    // Unique across the harness's processes and runs: event ids are never reused.
    private static readonly string RunTag = DateTime.UtcNow.Ticks.ToString("x", CultureInfo.InvariantCulture);
    private static long _counter;
    private static readonly byte[] Key = Encoding.UTF8.GetBytes(Secret);

    public static string NextEventId() => $"EvB{RunTag}{Interlocked.Increment(ref _counter):D8}";

    /// <summary>The message ts of an event, from the event's own number: the app answers each channel + ts
    /// once, so two requests sharing a ts would be one message to it.</summary>
    public static string MessageTs(string eventId)
    {
        var n = long.Parse(eventId[^8..], CultureInfo.InvariantCulture);
        return (1700000001 + n / 1_000_000).ToString(CultureInfo.InvariantCulture) + "." + (n % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>An event_callback carrying an app_mention of the bot with this text.</summary>
    public static string Mention(string text, string eventId)
    {
        var ts = MessageTs(eventId);
        var escaped = JsonSerializer.Serialize($"<@{BotUserId}> {text}");
        return "{\"token\":\"legacy\",\"team_id\":\"T0BENCH\",\"api_app_id\":\"A0BENCH\",\"event\":{\"type\":\"app_mention\"," +
               "\"user\":\"U0ALICE\",\"text\":" + escaped + ",\"ts\":\"" + ts + "\",\"channel\":\"C0BENCH\",\"event_ts\":\"" + ts + "\"}," +
               "\"type\":\"event_callback\",\"event_id\":\"" + eventId + "\",\"event_time\":1700000001," +
               "\"authorizations\":[{\"enterprise_id\":null,\"team_id\":\"T0BENCH\",\"user_id\":\"" + BotUserId + "\",\"is_bot\":true}]}";
    }

    /// <summary>Slack's v0 signature over "v0:{ts}:{body}", written here independently of the app.</summary>
    public static (string Timestamp, string Signature) Sign(string body)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes($"v0:{ts}:{body}"));
        return (ts, "v0=" + Convert.ToHexStringLower(mac));
    }

    /// <summary>A signed mention as Slack sends it: the exact body bytes and the two signature headers.</summary>
    public static (byte[] Body, string Timestamp, string Signature) SignedMention(string text)
    {
        var body = Mention(text, NextEventId());
        var (ts, sig) = Sign(body);
        return (Encoding.UTF8.GetBytes(body), ts, sig);
    }

    /// <summary>A signed raw request, as Slack posts it (local mode's /api/slack, Bolt's /slack/events).</summary>
    public static HttpRequestMessage RawRequest(Uri url, string text)
    {
        var (body, ts, sig) = SignedMention(text);
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.TryAddWithoutValidation("X-Slack-Request-Timestamp", ts);
        request.Headers.TryAddWithoutValidation("X-Slack-Signature", sig);
        request.Headers.TryAddWithoutValidation("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)");
        return request;
    }
}
