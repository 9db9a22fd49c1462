using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOps.Tests.Support;

/// <summary>
/// Builds Slack requests the way Slack sends them, signed here with HMAC-SHA256 written
/// independently of the code under test.
/// </summary>
public static class SlackRequests
{
    public const string Secret = "test-signing-secret-8f74";
    public const string BotToken = "xoxb-test-token-0000";

    /// <summary>The button-signing key every test app gets (Confirmations__HmacKey).</summary>
    public const string HmacKey = "test-hmac-key-7c1e0f5d9a2b4c6e8f0a1b3c5d7e9f1a";

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}"));
        return "v0=" + Convert.ToHexString(mac).ToLowerInvariant();
    }

    /// <summary>Headers signing these exact bytes (which need not be valid UTF-8).</summary>
    public static Dictionary<string, string[]> SignedHeaders(byte[] body, string contentType = "application/json")
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        byte[] signed = [.. Encoding.UTF8.GetBytes($"v0:{ts}:"), .. body];
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signed);
        return new Dictionary<string, string[]>
        {
            ["Content-Type"] = [contentType],
            ["X-Slack-Request-Timestamp"] = [ts.ToString()],
            ["X-Slack-Signature"] = ["v0=" + Convert.ToHexString(mac).ToLowerInvariant()],
        };
    }

    public static Dictionary<string, string[]> SignedHeaders(string body, string contentType = "application/json",
        string secret = Secret, DateTimeOffset? at = null, int? retryNum = null)
    {
        var ts = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var headers = new Dictionary<string, string[]>
        {
            ["Content-Type"] = [contentType],
            ["x-slack-request-timestamp"] = [ts.ToString()],
            ["X-Slack-Signature"] = [Sign(secret, ts, body)],
            ["User-Agent"] = ["Slackbot 1.0 (+https://api.slack.com/robots)"],
        };
        if (retryNum is { } n)
        {
            headers["X-Slack-Retry-Num"] = [n.ToString()];
            headers["X-Slack-Retry-Reason"] = ["http_timeout"];
        }
        return headers;
    }

    public static string AppMention(string text, string eventId = "Ev0001", string user = "U0USER1", string channel = "C0CHAN1",
        string ts = "1700000001.000100", string? threadTs = null, string? botId = null, string? subtype = null)
    {
        var ev = new JsonObject
        {
            ["type"] = "app_mention",
            ["user"] = user,
            ["text"] = text,
            ["ts"] = ts,
            ["channel"] = channel,
            ["event_ts"] = ts,
        };
        if (threadTs is not null) ev["thread_ts"] = threadTs;
        if (botId is not null) ev["bot_id"] = botId;
        if (subtype is not null) ev["subtype"] = subtype;
        return Callback(ev, eventId);
    }

    public static string DirectMessage(string text, string eventId = "Ev0002", string user = "U0USER1", string channel = "D0DM001",
        string ts = "1700000002.000200", string? subtype = null, string? botId = null)
    {
        var ev = new JsonObject
        {
            ["type"] = "message",
            ["channel_type"] = "im",
            ["user"] = user,
            ["text"] = text,
            ["ts"] = ts,
            ["channel"] = channel,
            ["event_ts"] = ts,
        };
        if (subtype is not null) ev["subtype"] = subtype;
        if (botId is not null) ev["bot_id"] = botId;
        return Callback(ev, eventId);
    }

    // Slack sends UTF-8 as is and < > literally; the default encoder would turn them into \u escapes.
    private static readonly JsonSerializerOptions AsSlackWrites = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Callback(JsonObject ev, string eventId) => new JsonObject
    {
        ["token"] = "legacy-verification-token",
        ["team_id"] = "T0001",
        ["api_app_id"] = "A0001",
        ["event"] = ev,
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1700000000,
        ["authorizations"] = new JsonArray(new JsonObject
        {
            ["enterprise_id"] = null, ["team_id"] = "T0001", ["user_id"] = FakeSlackApi.BotUserId, ["is_bot"] = true,
        }),
    }.ToJsonString(AsSlackWrites);

    public static string SlashCommand(string text, string responseUrl, string triggerId = "1234.5678.abcd") =>
        string.Join('&',
            "token=legacy", "team_id=T0001", "team_domain=example", "channel_id=C0CHAN1", "channel_name=incidents",
            "user_id=U0USER1", "user_name=alice", "command=%2Fops", "text=" + Uri.EscapeDataString(text).Replace("%20", "+"),
            "api_app_id=A0001", "response_url=" + Uri.EscapeDataString(responseUrl), "trigger_id=" + triggerId);

    /// <summary>An interactivity request as Slack sends it: a form whose one field, payload, is the click as JSON.</summary>
    public static string BlockActions(string actionId, string value, string user = "U0USER1", string channel = "C0CHAN1",
        string? responseUrl = null, string messageTs = "1700000009.000900", string triggerId = "999.888.click")
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = user, ["username"] = "someone", ["team_id"] = "T0001" },
            ["api_app_id"] = "A0001",
            ["token"] = "legacy-verification-token",
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = channel, ["is_ephemeral"] = false },
            ["trigger_id"] = triggerId,
            ["team"] = new JsonObject { ["id"] = "T0001", ["domain"] = "example" },
            ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "incidents" },
            ["message"] = new JsonObject { ["type"] = "message", ["ts"] = messageTs, ["thread_ts"] = "1700000001.000100", ["text"] = "prompt" },
            ["response_url"] = responseUrl,
            ["actions"] = new JsonArray(new JsonObject
            {
                ["action_id"] = actionId, ["block_id"] = "b1", ["type"] = "button", ["value"] = value,
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Confirm" }, ["action_ts"] = "1700000010.000001",
            }),
        };
        return "payload=" + Uri.EscapeDataString(payload.ToJsonString(AsSlackWrites));
    }
}
