using System.Text.Json.Nodes;
using ChatOps.Core.Envelopes;

namespace ChatOps.Core.Slack;

/// <summary>
/// Reads an event_callback: app_mention and direct messages become envelopes; the bot's own
/// messages, edits, other subtypes and other event types are acknowledged and dropped.
/// </summary>
internal sealed class EventReader(string? configuredBotUserId, DateTimeOffset now, RetryInfo retry, int maxCommandLength)
{
    public SlackAck Read(JsonObject root)
    {
        if (root["event"] is not JsonObject ev) return SlackAck.BadRequest("event_callback without an event object");
        // Present but not a string would otherwise be read as absent and the envelope built from guesses.
        foreach (var (obj, name) in new[] { (root, "event_id"), (root, "team_id"), (ev, "type"), (ev, "thread_ts"), (ev, "user"), (ev, "bot_id"), (ev, "subtype") })
            if (obj[name] is { } field && field.GetValueKind() != System.Text.Json.JsonValueKind.String)
                return SlackAck.BadRequest($"{name} is not a string");

        var type = Str(ev, "type");
        var botUserId = configuredBotUserId ?? BotUserFromAuthorizations(root);
        if (Str(ev, "bot_id") is not null) return SlackAck.Empty("ignored: message from a bot");
        // A file shared in a DM arrives as a message of subtype file_share; every other subtype (edits, joins) is not a request.
        if (Str(ev, "subtype") is { } subtype && subtype != "file_share") return SlackAck.Empty($"ignored: message subtype {subtype}");
        if (botUserId is not null && Str(ev, "user") == botUserId) return SlackAck.Empty("ignored: the bot's own message");

        return type switch
        {
            "app_mention" => Build(root, ev, EnvelopeSource.Mention, botUserId),
            "message" when Str(ev, "channel_type") == "im" => Build(root, ev, EnvelopeSource.DirectMessage, botUserId),
            _ => SlackAck.Empty($"ignored: event type {type ?? "(none)"}"),
        };
    }

    private SlackAck Build(JsonObject root, JsonObject ev, EnvelopeSource source, string? botUserId)
    {
        var channel = Str(ev, "channel");
        var user = Str(ev, "user");
        var ts = Str(ev, "ts");
        // A file shared without a comment may come with no text at all.
        var text = Str(ev, "text") ?? (ev["files"] is JsonArray ? "" : null);
        if (channel is null || user is null || ts is null || text is null)
            return SlackAck.BadRequest("event lacks channel, user, ts or text");

        var threadTs = Str(ev, "thread_ts");
        var plain = SlackText.ToPlain(SlackText.StripBotMention(text, botUserId));
        plain = SharedFiles.CommandText(plain, ev["files"] as JsonArray, source == EnvelopeSource.DirectMessage);
        // The ack cannot answer an event, so an over-long command is queued cut short with its length,
        // and the worker answers with the limit; the queue message stays small.
        var tooLong = plain.Length > maxCommandLength;
        var envelope = new CommandEnvelope
        {
            Id = Str(root, "event_id") ?? $"{channel}-{ts}",
            Kind = EnvelopeKind.Command,
            Source = source,
            TeamId = Str(root, "team_id"),
            ChannelId = channel,
            UserId = user,
            MessageTs = ts,
            // A mention is answered in a thread (its own, or the one it was in); a DM in place.
            ThreadTs = source == EnvelopeSource.Mention ? threadTs ?? ts : threadTs,
            Text = tooLong ? plain[..maxCommandLength] : plain,
            TextLength = tooLong ? plain.Length : null,
            ReceivedAt = now,
            RetryNum = retry.Num,
            RetryReason = retry.Reason,
        };
        return new SlackAck(200, "", "text/plain", envelope, $"{source} enqueued");
    }

    private static string? BotUserFromAuthorizations(JsonObject root)
    {
        if (root["authorizations"] is not JsonArray auths) return null;
        foreach (var auth in auths.OfType<JsonObject>())
        {
            if (auth["is_bot"] is JsonValue b && b.TryGetValue<bool>(out var isBot) && isBot) return Str(auth, "user_id");
        }
        return null;
    }

    private static string? Str(JsonObject obj, string name) => SlackRequestHandler.Str(obj, name);
}
