using ChatOps.Core.Envelopes;
using ChatOps.Core.Failures;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;
using ChatOps.Core.Slack;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Alerts;

/// <summary>
/// Posts an alert group's message, or updates it in place while the episode lasts (firing -> resolved). The record
/// is written first, conditionally, and Slack follows it, so whatever order the queue brings notifications in, the
/// message ends at the newest state: an older notification changes nothing, and a writer that lost a race reads
/// again. A group firing again after it resolved, a message that is gone, or a route that now names another channel
/// gets a new message (reserved in the record first, so two notifications cannot both post it).
/// </summary>
public sealed class AlertPoster(ISlackClient slack, IAlertMessages messages, AlertGraph graph, AlertsOptions options, TimeProvider clock,
    ILogger<AlertPoster> log, OnCall.OnCallPager pager, OnCall.EscalationSteps escalation, Environments.EnvironmentCatalog? environments = null)
{
    /// <summary>A reservation older than this belongs to a poster that died before it could save the ts.</summary>
    private static readonly TimeSpan StaleReservation = TimeSpan.FromMinutes(2);

    /// <summary>Races lost in a row before the queue is asked to bring the notification back later.</summary>
    private const int MaxRaces = 5;

    /// <summary>Tries at saving a posted message's ts before the failure is let through.</summary>
    private const int SaveAttempts = 4;

    /// <summary>Slack's answers for a message that can no longer be updated where it was.</summary>
    private static readonly HashSet<string> Gone = ["message_not_found", "channel_not_found", "is_archived", "cant_update_message"];

    /// <returns>"posted", "updated" or "older" (a notification older than what the message shows: nothing changed).</returns>
    public async Task<string> DeliverAsync(CommandEnvelope envelope, AlertNotification queued, CancellationToken ct = default)
    {
        if (await WholeAsync(queued, ct).ConfigureAwait(false) is not { } n)
        {
            // The body is removed once shown, before the delivery is recorded: a redelivery after a crash in between
            // finds the group's message already at this state or a newer one, and has nothing left to do.
            if (await ShownAsync(queued, ct).ConfigureAwait(false)) return "updated";
            throw new ServiceFailureException($"the {queued.Stored!.Alerts} alerts of {AlertMessage.Name(queued)} are no longer in storage",
                FailureHandling.Answer);
        }
        var done = await ShowAsync(envelope, n, ct).ConfigureAwait(false);
        // The claim check has served: the delivery is recorded by the caller, so it is not read again.
        if (queued.Stored is { } stored) await messages.RemoveNotificationAsync(stored.Name, CancellationToken.None).ConfigureAwait(false);
        return done;
    }

    private async Task<AlertNotification?> WholeAsync(AlertNotification queued, CancellationToken ct)
    {
        if (queued.Stored is not { } stored) return queued;
        return await messages.LoadNotificationAsync(stored.Name, ct).ConfigureAwait(false);
    }

    private async Task<bool> ShownAsync(AlertNotification queued, CancellationToken ct)
    {
        var stored = queued.Stored!;
        if (await messages.FindAsync(queued.GroupId(), ct).ConfigureAwait(false) is not { Record: { Ts: not null } record }) return false;
        var shown = record.Last?.DeliveryKey() == stored.DeliveryKey || (stored.Order is { } order && record.Order >= order);
        if (shown)
            log.LogInformation("Alert group {GroupId}: a redelivered notification whose body is gone is already shown ({Ts})", queued.GroupId(), record.Ts);
        return shown;
    }

    private async Task<string> ShowAsync(CommandEnvelope envelope, AlertNotification n, CancellationToken ct)
    {
        var groupId = n.GroupId();
        var order = AlertOrder.Of(n);
        for (var race = 0; race < MaxRaces; race++)
        {
            var now = clock.GetUtcNow();
            var found = await messages.FindAsync(groupId, ct).ConfigureAwait(false);
            if (found is null)
            {
                // A new episode: whoever is on call is paged (named on the message, DMed by the first escalation step).
                var fresh = Reservation(envelope, n, order, now, null) with { Page = await pager.PageAsync(n, ct).ConfigureAwait(false) };
                var created = await messages.TryCreateAsync(groupId, fresh, ct).ConfigureAwait(false);
                if (created is null) continue;
                return await PostAsync(n, groupId, fresh, created, ct).ConfigureAwait(false);
            }
            var (record, version) = found.Value;
            if (record.Ts is null)
            {
                // Another notification is posting the group's message: wait for its ts, unless the reservation is this
                // notification's own (an earlier attempt of it failed) or its poster died.
                if (record.ReservedBy != envelope.DedupeKey && now - record.UpdatedAt <= StaleReservation) throw new AlertMessagePendingException(groupId);
                // Whichever is newer, this notification or the one the dead poster was posting, is what gets posted.
                var newer = order >= record.Order || record.Last is null ? n : record.Last;
                var reservation = Reservation(envelope, newer, Max(order, record.Order), now, record);
                var taken = await messages.TryReplaceAsync(groupId, reservation, version, ct).ConfigureAwait(false);
                if (taken is null) continue;
                return await PostAsync(reservation.Last!, groupId, reservation, taken, ct).ConfigureAwait(false);
            }
            if (order < record.Order)
            {
                log.LogInformation("Alert group {GroupId}: a {Status} notification older than the message's state came late; not shown", groupId, n.Status);
                return "older";
            }

            var refired = !record.Firing && n.Firing && order > record.Order;
            if (refired || record.Channel != envelope.ChannelId)
            {
                var reservation = Reservation(envelope, n, order, now, record) with
                {
                    // A new episode links the one before; a message posted again elsewhere keeps its episode's link.
                    PreviousChannel = refired ? record.Channel : record.PreviousChannel,
                    PreviousTs = refired ? record.Ts : record.PreviousTs,
                    FiringSince = refired ? AlertMessage.FiringSince(n) : record.FiringSince,
                };
                if (refired)
                    reservation = reservation with
                    {
                        SilencedBy = null, SilencedUntil = null, SilenceId = null, AckedBy = null, AckedAt = null,
                        Page = await pager.PageAsync(n, ct).ConfigureAwait(false),
                    };
                var taken = await messages.TryReplaceAsync(groupId, reservation, version, ct).ConfigureAwait(false);
                if (taken is null) continue;
                log.LogInformation("Alert group {GroupId}: {Why}; posting a new message in {Channel}", groupId,
                    refired ? "fires again after it resolved" : "its route now names another channel", envelope.ChannelId);
                return await PostAsync(n, groupId, reservation, taken, ct).ConfigureAwait(false);
            }

            // Same episode, same message: the record first (also keeping it alive while the group fires), then Slack.
            var updated = record with { Status = n.Status, Order = order, Last = n, UpdatedAt = now };
            var written = await messages.TryReplaceAsync(groupId, updated, version, ct).ConfigureAwait(false);
            if (written is null) continue;
            return await UpdateAsync(envelope.ChannelId, envelope.DedupeKey, groupId, updated, written, ct).ConfigureAwait(false);
        }
        throw new AlertMessagePendingException(groupId);
    }

    /// <summary>A notification already shown came again (Alertmanager's repeat_interval): nothing changed for a reader,
    /// so nothing is posted, but the record is written again, so it lives as long as the group fires. Best effort.</summary>
    public async Task TouchAsync(AlertNotification n, CancellationToken ct = default)
    {
        var groupId = n.GroupId();
        try
        {
            if (await messages.FindAsync(groupId, ct).ConfigureAwait(false) is not { Record: { Ts: not null } record, Version: var version }) return;
            // Only the episode this notification belongs to; a stale conditional write is someone newer's record.
            if ((n.Stored?.Order ?? AlertOrder.Of(n)) < record.Order) return;
            await messages.TryReplaceAsync(groupId, record with { UpdatedAt = clock.GetUtcNow() }, version, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning("Alert group {GroupId}: a repeated notification could not refresh its record ({Error})", groupId, ex.Message);
        }
    }

    /// <summary>Changes the group's record (a click: silenced, acknowledged) and shows it on its message, re-reading on a
    /// lost race so the change lands on the newest state; false when the group has no message to change.</summary>
    public Task<bool> ChangeAsync(CommandEnvelope envelope, string groupId, Func<AlertMessageRecord, AlertMessageRecord> change, CancellationToken ct = default) =>
        ChangeAsync(envelope.DedupeKey, groupId, change, ct);

    /// <param name="changeKey">Who makes the change (a delivery key): should the message be gone, it reserves the new post.</param>
    public async Task<bool> ChangeAsync(string changeKey, string groupId, Func<AlertMessageRecord, AlertMessageRecord> change, CancellationToken ct = default)
    {
        for (var race = 0; race < MaxRaces; race++)
        {
            if (await messages.FindAsync(groupId, ct).ConfigureAwait(false) is not { Record: { Ts: not null, Last: not null } record, Version: var version })
                return false;
            var changed = change(record) with { UpdatedAt = clock.GetUtcNow() };
            if (await messages.TryReplaceAsync(groupId, changed, version, ct).ConfigureAwait(false) is not { } written) continue;
            await UpdateAsync(record.Channel, changeKey, groupId, changed, written, ct).ConfigureAwait(false);
            return true;
        }
        throw new AlertMessagePendingException(groupId);
    }

    /// <summary>Shows a silence made for the group (from its message, once confirmed) on its message: the header says who
    /// silenced it until when, and Unsilence ends it. Best effort: the silence exists either way, and says so.</summary>
    public async Task ShowSilenceAsync(string changeKey, string groupId, string by, DateTimeOffset until, string silenceId, CancellationToken ct = default)
    {
        try
        {
            // Onto the record as it is now (it may have resolved meanwhile), never the one read before.
            await ChangeAsync(changeKey, groupId, r => r with { SilencedBy = by, SilencedUntil = until, SilenceId = silenceId }, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning("Silence {SilenceId} created, but the alert message of group {GroupId} could not show it: {Error}", silenceId, groupId, ex.Message);
        }
    }

    /// <summary>Shows the record on its message, then checks nobody wrote a newer state meanwhile whose own update
    /// Slack may have taken before this one; if so, shows that instead.</summary>
    /// <param name="channel">Where a message that is gone is posted again.</param>
    /// <param name="changeKey">Who reserves that new post.</param>
    private async Task<string> UpdateAsync(string channel, string changeKey, string groupId, AlertMessageRecord record, string version, CancellationToken ct)
    {
        for (var race = 0; race < MaxRaces; race++)
        {
            try
            {
                await slack.UpdateMessageAsync(record.Channel, record.Ts!, Render(record), ct).ConfigureAwait(false);
            }
            catch (SlackApiException ex) when (Gone.Contains(ex.Error))
            {
                log.LogWarning("Alert group {GroupId}: its message in {Channel} is gone ({SlackError}); posting it again", groupId, record.Channel, ex.Error);
                var reservation = record with { Channel = channel, Ts = null, ReservedBy = changeKey, UpdatedAt = clock.GetUtcNow() };
                var taken = await messages.TryReplaceAsync(groupId, reservation, version, ct).ConfigureAwait(false);
                // Someone else changed the record meanwhile: they post or update; this notification's state is in it or older.
                if (taken is null) return "updated";
                return await PostAsync(record.Last!, groupId, reservation, taken, ct, graphToo: false).ConfigureAwait(false);
            }
            var now = await messages.FindAsync(groupId, ct).ConfigureAwait(false);
            if (now is not { } latest || latest.Version == version || latest.Record.Ts != record.Ts || latest.Record.Channel != record.Channel)
                break;
            (record, version) = latest;
        }
        log.LogInformation("Alert group {GroupId} ({Status}) updated in {Channel}", groupId, record.Status, record.Channel);
        return "updated";
    }

    private ChatReply Render(AlertMessageRecord record) => AlertMessage.Render(record.Last!, record, options, clock.GetUtcNow());

    private static AlertMessageRecord Reservation(CommandEnvelope envelope, AlertNotification n, AlertOrder order, DateTimeOffset now, AlertMessageRecord? before) =>
        (before ?? new AlertMessageRecord(envelope.ChannelId, null, n.Status, AlertMessage.FiringSince(n), now)) with
        {
            Channel = envelope.ChannelId,
            Ts = null,
            Status = n.Status,
            UpdatedAt = now,
            Last = n,
            Order = order,
            ReservedBy = envelope.DedupeKey,
        };

    private static AlertOrder Max(AlertOrder a, AlertOrder b) => a >= b ? a : b;

    private async Task<string> PostAsync(AlertNotification n, string groupId, AlertMessageRecord reservation, string version,
        CancellationToken ct, bool graphToo = true)
    {
        // Queued before the post, so a worker that dies right after it still pages; a step queued again is run once.
        if (reservation.Page is { Level: 1 })
            await escalation.QueueAsync(groupId, reservation.FiringSince, 1, reservation.Channel, OnCall.EscalationSteps.FirstStepDelay, ct,
                AlertMessage.Name(n)).ConfigureAwait(false);
        var posted = await slack.PostMessageAsync(reservation.Channel, Render(reservation), null, ct).ConfigureAwait(false);
        // Saved before anything else can fail, so a retry updates this message instead of posting again. Should a newer
        // notification have replaced the reservation meanwhile (it was stale), the newer one posts; this one stays.
        var saved = reservation with { Ts = posted, ReservedBy = null };
        if (await SaveTsAsync(groupId, saved, version).ConfigureAwait(false) is null)
            log.LogWarning("Alert group {GroupId}: the record changed while its message was posted ({Ts})", groupId, posted);
        log.LogInformation("Alert group {GroupId} ({Status}) posted in {Channel}", groupId, n.Status, reservation.Channel);
        // The thread extras are best effort: the message is out and its ts saved, so a retry would take the update
        // path and never post them; failing here would only report a shown alert as failed.
        if (reservation is { PreviousChannel: { } previousChannel, PreviousTs: { } previousTs })
            await ExtraAsync(groupId, "the link to the earlier message", () => slack.PostMessageAsync(reservation.Channel, ChatReply.Plain(
                $":repeat: This group fired before: {Mrkdwn.Link(Permalink(previousChannel, previousTs), "the earlier message")} (resolved)."),
                posted, ct)).ConfigureAwait(false);
        if (n.Firing && graphToo) await ExtraAsync(groupId, "the graph", () => PostGraphAsync(reservation.Channel, posted, n, ct)).ConfigureAwait(false);
        return "posted";
    }

    /// <summary>Saves the ts of a message just posted, trying a few times: should storage fail, a retry of the
    /// notification would find its own reservation without a ts and post the message a second time.</summary>
    private async Task<string?> SaveTsAsync(string groupId, AlertMessageRecord saved, string version)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await messages.TryReplaceAsync(groupId, saved, version, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < SaveAttempts && ex is not OperationCanceledException)
            {
                log.LogWarning("Alert group {GroupId}: saving the ts {Ts} of its message failed ({Error}); trying again", groupId, saved.Ts, ex.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), clock).ConfigureAwait(false);
            }
        }
    }

    private async Task ExtraAsync(string groupId, string what, Func<Task> post)
    {
        try
        {
            await post().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SlackApiException or ServiceFailureException or HttpRequestException or IOException or TimeoutException)
        {
            log.LogWarning("Alert group {GroupId}: {Extra} was not posted in the thread ({Error})", groupId, what,
                ex is SlackApiException slackError ? slackError.Error : ex.Message);
        }
    }

    /// <summary>Slack's workspace-independent form of a message link (it redirects to the workspace the reader is in).</summary>
    public static string Permalink(string channel, string ts) => $"https://slack.com/archives/{channel}/p{ts.Replace(".", "", StringComparison.Ordinal)}";

    private async Task PostGraphAsync(string channel, string ts, AlertNotification n, CancellationToken ct)
    {
        var alert = n.Alerts.FirstOrDefault(a => AlertExpression.From(a.GeneratorUrl) is not null);
        if (alert is null) return;
        ChatReply picture;
        try
        {
            picture = await graph.DrawAsync(n, alert, new OpsCaller(AlertWebhook.Sender, channel, "alert") { Environment = environments?.Default.Name }, ct).ConfigureAwait(false);
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
