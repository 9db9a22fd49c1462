using System.Text.Json.Nodes;
using ChatOps.Core.Commands.Deploy;
using ChatOps.Core.Confirmations;
using ChatOps.Core.Envelopes;

namespace ChatOps.Core.Slack;

/// <summary>
/// Reads an interactivity payload (form field `payload`, JSON). A click on one of the bot's Confirm /
/// Cancel buttons becomes an envelope; anything else is acknowledged and dropped. The button's value is
/// not trusted here: the worker checks its signature.
/// </summary>
internal static class InteractionReader
{
    public static SlackAck Read(string payload, DateTimeOffset now, RetryInfo retry)
    {
        if (SlackRequestHandler.ParseObject(payload, out var why) is not { } root) return SlackAck.BadRequest("interactivity payload is " + why);
        if (Str(root, "type") is var type && type != "block_actions") return SlackAck.Empty($"ignored interactivity type {type ?? "(none)"}");

        var action = (root["actions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
        var actionId = action is null ? null : Str(action, "action_id");
        if (!ConfirmationActions.IsOurs(actionId) && !Alerts.AlertActions.IsOurs(actionId) && !DeploymentActions.IsOurs(actionId)) return SlackAck.Empty($"ignored action {actionId ?? "(none)"}");

        var user = root["user"] is JsonObject u ? Str(u, "id") : null;
        var channel = root["channel"] is JsonObject c ? Str(c, "id") : root["container"] is JsonObject cc ? Str(cc, "channel_id") : null;
        // A menu's click carries the chosen option instead of a value.
        var value = Str(action!, "value") ?? (action!["selected_option"] is JsonObject option ? Str(option, "value") : null);
        if (user is null || channel is null || value is null)
            return SlackAck.BadRequest("button click lacks user.id, channel.id or the button's value");

        var message = root["message"] as JsonObject;
        var messageTs = (message is null ? null : Str(message, "ts")) ?? (root["container"] is JsonObject ct ? Str(ct, "message_ts") : null);
        var responseUrl = Str(root, "response_url");
        if (responseUrl is not null && (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var url) || (url.Scheme != "https" && url.Scheme != "http")))
            return SlackAck.BadRequest("interactivity response_url is not an http(s) URL");

        var team = root["team"] is JsonObject t ? Str(t, "id") : null;
        var id = "click-" + (Str(root, "trigger_id") ?? Str(action!, "action_ts") ?? now.ToUnixTimeMilliseconds().ToString());
        if (DeploymentActions.IsOurs(actionId))
            return TypedCommand(id, value, team, channel, user, message is null ? messageTs : Str(message, "thread_ts") ?? messageTs, responseUrl, now, retry);
        var envelope = new CommandEnvelope
        {
            Id = id,
            Kind = EnvelopeKinds.OfClick(actionId!),
            Source = EnvelopeSource.Button,
            TeamId = team,
            ChannelId = channel,
            UserId = user,
            ThreadTs = message is null ? null : Str(message, "thread_ts"),
            Text = "",
            ResponseUrl = responseUrl,
            ReceivedAt = now,
            RetryNum = retry.Num,
            RetryReason = retry.Reason,
            Click = new ButtonClick(actionId!, value, messageTs),
        };
        return new SlackAck(200, "", "text/plain", envelope, "button click enqueued");
    }

    /// <summary>A click whose value is a command line: queued as that command typed by the clicker, so it is parsed,
    /// allowed, confirmed and answered the typed way. Keyed by the click's trigger, so a click Slack delivers twice
    /// asks once. Answered in the channel through the click's response_url (where a slash command's answer goes), or
    /// without one in the thread of the message that held the button.</summary>
    private static SlackAck TypedCommand(string id, string value, string? team, string channel, string user, string? threadTs, string? responseUrl,
        DateTimeOffset now, RetryInfo retry)
    {
        if (DeploymentActions.CommandLine(value) is not { } line) return SlackAck.BadRequest("the button's value is not a command it can stand for");
        var envelope = new CommandEnvelope
        {
            Id = id,
            Kind = EnvelopeKind.Command,
            Source = responseUrl is null ? EnvelopeSource.Mention : EnvelopeSource.SlashCommand,
            TeamId = team,
            ChannelId = channel,
            UserId = user,
            ThreadTs = responseUrl is null ? threadTs : null,
            Text = line,
            ResponseUrl = responseUrl,
            ReceivedAt = now,
            RetryNum = retry.Num,
            RetryReason = retry.Reason,
        };
        return new SlackAck(200, "", "text/plain", envelope, "button click enqueued as a command");
    }

    private static string? Str(JsonObject obj, string name) => SlackRequestHandler.Str(obj, name);
}
