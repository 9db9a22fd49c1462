using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ChatOps.Core.Envelopes;
using ChatOps.Core.Limits;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Slack;

/// <summary>Turns a slash command form into an envelope and the immediate ephemeral "working on it".</summary>
internal static class SlashCommandReader
{
    /// <param name="signature">The request's verified X-Slack-Signature, which stands for its timestamp and body.</param>
    public static SlackAck Read(IReadOnlyDictionary<string, string> form, DateTimeOffset now, RetryInfo retry, int maxCommandLength, string signature)
    {
        string? Field(string name) => form.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

        var channel = Field("channel_id");
        var user = Field("user_id");
        var responseUrl = Field("response_url");
        if (channel is null || user is null || responseUrl is null)
            return SlackAck.BadRequest("slash command lacks channel_id, user_id or response_url");
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var url) || (url.Scheme != "https" && url.Scheme != "http"))
            return SlackAck.BadRequest("slash command response_url is not an http(s) URL");

        var slash = Field("command") ?? "/";
        var text = SlackText.ToPlain(form.GetValueOrDefault("text") ?? "");
        // Too long: answered right here, where the user sees it at once, and nothing is queued.
        if (text.Length > maxCommandLength)
            return SlackAck.Json(new JsonObject
            {
                ["response_type"] = "ephemeral",
                ["text"] = LimitReplies.TooLong(text.Length, maxCommandLength),
            }.ToJsonString(), "refused: command too long");
        var envelope = new CommandEnvelope
        {
            Kind = EnvelopeKind.Command,
            // Without a trigger_id the signature names the request: a replay of the same signed bytes gets the
            // same id (so the same dedupe key) and is answered once; the clock would give each replay a new one.
            Id = Field("trigger_id") ?? "slash-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(signature.Trim().ToLowerInvariant())))[..40],
            Source = EnvelopeSource.SlashCommand,
            TeamId = Field("team_id"),
            ChannelId = channel,
            UserId = user,
            Text = text,
            SlashCommand = slash,
            ResponseUrl = responseUrl,
            ReceivedAt = now,
            RetryNum = retry.Num,
            RetryReason = retry.Reason,
        };
        var shown = text.Length == 0 ? slash : $"{slash} {text}";
        var ack = new JsonObject
        {
            ["response_type"] = "ephemeral",
            ["text"] = $"Working on {Mrkdwn.Code(Truncate(shown, 200))}…",
        };
        return SlackAck.Json(ack.ToJsonString(), "slash command enqueued", envelope);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
