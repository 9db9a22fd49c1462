using ChatOps.Core.Envelopes;
using ChatOps.Core.Failures;
using ChatOps.Core.Graphs;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;
using ChatOps.Core.Slack;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Alerts;

/// <summary>
/// Posts an alert group's message, or updates it in place when the group has one (chat.update: firing -> resolved,
/// never a second message). The first post reserves the group's record before it posts, so two notifications of
/// one group cannot both post; the first firing post gets the alert's graph in its thread.
/// </summary>
public sealed class AlertPoster(ISlackClient slack, IAlertMessages messages, AlertGraph graph, AlertsOptions options, TimeProvider clock,
    ILogger<AlertPoster> log)
{
    /// <summary>A reservation older than this belongs to a poster that died before it could save the ts.</summary>
    private static readonly TimeSpan StaleReservation = TimeSpan.FromMinutes(2);

    /// <returns>"posted" or "updated".</returns>
    public async Task<string> DeliverAsync(CommandEnvelope envelope, AlertNotification n, CancellationToken ct = default)
    {
        var groupId = n.GroupId();
        var now = clock.GetUtcNow();
        var found = await messages.FindAsync(groupId, ct).ConfigureAwait(false);
        if (found is { Record.Ts: { } ts } existing)
        {
            var record = existing.Record;
            await slack.UpdateMessageAsync(record.Channel, ts, AlertMessage.Render(n, record, options, now), ct).ConfigureAwait(false);
            await messages.TryReplaceAsync(groupId, record with { Status = n.Status, UpdatedAt = now, Last = n }, existing.Version, ct).ConfigureAwait(false);
            log.LogInformation("Alert group {GroupId} ({Status}) updated in {Channel}", groupId, n.Status, record.Channel);
            return "updated";
        }

        var reservation = new AlertMessageRecord(envelope.ChannelId, null, n.Status, AlertMessage.FiringSince(n), now) { Last = n, ReservedBy = envelope.DedupeKey };
        var version = found is { } pending
            ? pending.Record.ReservedBy == envelope.DedupeKey || now - pending.Record.UpdatedAt > StaleReservation
                ? await messages.TryReplaceAsync(groupId, reservation, pending.Version, ct).ConfigureAwait(false)
                : null
            : await messages.TryCreateAsync(groupId, reservation, ct).ConfigureAwait(false);
        if (version is null) throw new AlertMessagePendingException(groupId);

        var posted = await slack.PostMessageAsync(envelope.ChannelId, AlertMessage.Render(n, null, options, now), null, ct).ConfigureAwait(false);
        // Saved before anything else can fail, so a retry updates this message instead of posting again.
        await messages.TryReplaceAsync(groupId, reservation with { Ts = posted }, version, CancellationToken.None).ConfigureAwait(false);
        log.LogInformation("Alert group {GroupId} ({Status}) posted in {Channel}", groupId, n.Status, envelope.ChannelId);
        if (n.Firing) await PostGraphAsync(envelope.ChannelId, posted, n, ct).ConfigureAwait(false);
        return "posted";
    }

    private async Task PostGraphAsync(string channel, string ts, AlertNotification n, CancellationToken ct)
    {
        var alert = n.Alerts.FirstOrDefault(a => AlertExpression.From(a.GeneratorUrl) is not null);
        if (alert is null) return;
        ChatReply picture;
        try
        {
            picture = await graph.DrawAsync(n, alert, new OpsCaller(AlertWebhook.Sender, channel, "alert"), ct).ConfigureAwait(false);
        }
        catch (ServiceFailureException ex) when (ex is not AlertMessagePendingException)
        {
            // The message is out; a retry would only repeat it. Say in the thread why there is no graph.
            log.LogWarning("No graph for alert group {GroupId}: {Reason}", n.GroupId(), ex.UserMessage);
            picture = ChatReply.Plain($":warning: The graph could not be drawn: {Mrkdwn.Escape(ex.UserMessage)}");
        }
        if (picture.Files.Count == 0)
        {
            await slack.PostMessageAsync(channel, picture, ts, ct).ConfigureAwait(false);
            return;
        }
        try
        {
            await slack.UploadFileAsync(channel, ts, picture.Files[0], picture.Text, ct).ConfigureAwait(false);
        }
        catch (SlackApiException ex) when (!ex.IsTransient)
        {
            log.LogWarning("Graph upload for alert group {GroupId} refused by Slack: {SlackError}", n.GroupId(), ex.Error);
        }
    }
}
