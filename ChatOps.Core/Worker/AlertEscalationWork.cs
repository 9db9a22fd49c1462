using ChatOps.Core.Alerts;
using ChatOps.Core.Commands.Arguments;
using ChatOps.Core.Delivery;
using ChatOps.Core.Envelopes;
using ChatOps.Core.OnCall;
using ChatOps.Core.Replies;
using ChatOps.Core.Slack;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Worker;

/// <summary>
/// One step of a paging alert's chain. Level 1 DMs the on-call person its message already mentions; each later level,
/// after the route's EscalateAfter, is mentioned in the thread, shown on the message and DMed; after the last level the
/// channel is told nobody acknowledged. The alert's record decides: acknowledged, silenced, resolved or a newer episode
/// ends the chain. Each step is claimed by its id (group, episode, level); the level reached is written on the record
/// first, and only the run that wrote it mentions the level in the thread, so a redelivered step, one taken over from a
/// dead worker or one back after a 429 mentions nobody twice. DMs are not claimed one by one: a claim held by a worker that
/// died before sending would skip that person, and a missed page is worse than a second DM after a retry. Someone Slack
/// refuses for good (deactivated, a bot) is named in the thread and the others are still DMed.
/// </summary>
public sealed class AlertEscalationWork(IAlertMessages messages, AlertPoster poster, AlertRouter router, OnCallRoster roster, OnCallOptions oncall,
    ISlackClient slack, EscalationSteps steps, IFollowUps followUps, TimeProvider clock, ILogger<AlertEscalationWork> log)
    : IQueuedWork
{
    /// <summary>How long a step first waits for its message's post, still in flight; each later wait is twice the last,
    /// so a post that failed for good costs a few steps, not one every few seconds.</summary>
    private static readonly TimeSpan PostPending = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan MaxPostPending = TimeSpan.FromMinutes(2);

    /// <summary>A group's members DMed at most: a user group is mentioned anyway.</summary>
    private const int MaxGroupDms = 10;

    public EnvelopeKind Kind => EnvelopeKind.AlertEscalation;
    public bool Audited => false;
    public bool IsComplete(CommandEnvelope envelope) => envelope.Escalation is not null;
    public string ClaimKey(CommandEnvelope envelope) => envelope.DedupeKey;

    public Task<WorkerResult> RepeatAsync(QueuedItem item, DeliveryRecord? earlier, CancellationToken ct) =>
        Task.FromResult(new WorkerResult(WorkerOutcome.Duplicate, null));

    public async Task<WorkerResult> RunAsync(QueuedItem item, CancellationToken ct)
    {
        try
        {
            return await StepAsync(item, ct).ConfigureAwait(false);
        }
        catch (SlackApiException ex) when (ex.RetryAfter is { } wait)
        {
            // Slack's pace, not a failure: the step comes back after the wait. The level is on the record, so it mentions
            // nobody again; its DMs are sent again (a second DM rather than a missed one).
            log.LogWarning("Alert group {GroupId}: paging level {Level} waits {WaitSeconds} s (Slack rate limit)", item.Envelope.Escalation!.GroupId,
                item.Envelope.Escalation.Level, (int)Math.Ceiling(wait.TotalSeconds));
            await followUps.QueueAsync(item.Envelope, wait, ct).ConfigureAwait(false);
            return new WorkerResult(WorkerOutcome.Undeliverable, null);
        }
    }

    private async Task<WorkerResult> StepAsync(QueuedItem item, CancellationToken ct)
    {
        var (envelope, step) = (item.Envelope, item.Envelope.Escalation!);
        var now = clock.GetUtcNow();
        if (await messages.FindAsync(step.GroupId, ct).ConfigureAwait(false) is not { Record: var record }
            || record.Page is not { } page || record.FiringSince.UtcTicks != step.Episode.UtcTicks || record.Last is null)
            return Done(envelope, "episode_over");
        if (record.Ts is null)
        {
            // The message is being posted: this step comes back once it is out (a post that never happens stops here later).
            if (now - record.UpdatedAt > TimeSpan.FromMinutes(10)) return Done(envelope, "never_posted");
            var wait = TimeSpan.FromTicks(Math.Min(MaxPostPending.Ticks, PostPending.Ticks << Math.Min(step.Waits, 16)));
            await followUps.QueueAsync(envelope with { Escalation = step with { Waits = step.Waits + 1 } }, wait, ct).ConfigureAwait(false);
            return new WorkerResult(WorkerOutcome.Undeliverable, null);
        }
        if (Stopped(record, now) is { } why)
        {
            log.LogInformation("Alert group {GroupId}: paging level {Level} not needed ({Why})", step.GroupId, step.Level, why);
            return Done(envelope, "stopped_" + why);
        }
        var route = router.RouteFor(record.Last);
        var levels = EscalationLevel.ParseList(route?.EscalateTo, oncall).Levels;
        TimeSpan? after = route?.EscalateAfter is { } configured && DurationParser.TryParse(configured, out var delay) ? delay : null;
        if (step.Level == 1)
        {
            if (after is { } first) await steps.QueueAsync(step.GroupId, step.Episode, 2, record.Channel, first, ct, step.Alert).ConfigureAwait(false);
            await DirectAsync(envelope, page.Users, record, $"You are on call for {Mrkdwn.Code(page.Schedule)}", ct).ConfigureAwait(false);
            return Done(envelope, "paged");
        }
        if (step.Level - 2 >= levels.Count) return await ExhaustedAsync(envelope, record, page, after, ct).ConfigureAwait(false);
        var (users, groups) = page.Level >= step.Level
            ? (page.LevelUsers, page.LevelGroups)
            : await TargetAsync(levels[step.Level - 2], route!, page, ct).ConfigureAwait(false);
        if (page.Level < step.Level)
        {
            // The level goes on the record (and the message) first; only the run whose write advanced it mentions it in
            // the thread. A run that dies between the two loses that one thread line, never repeats it; the DMs still go.
            var advanced = false;
            await poster.ChangeAsync(envelope, step.GroupId, r =>
            {
                advanced = r.Page is { } p && p.Level < step.Level;
                return advanced
                    ? r with { Page = r.Page! with { Level = step.Level, Users = [.. r.Page.Users, .. users], Groups = [.. r.Page.Groups, .. groups], LevelUsers = users, LevelGroups = groups } }
                    : r;
            }, ct).ConfigureAwait(false);
            if (advanced)
            {
                var who = string.Join(", ", users.Select(Mrkdwn.User).Concat(groups.Select(Mrkdwn.Group)));
                var text = who.Length == 0
                    ? $":rotating_light: Not acknowledged after {Waited(after)}: escalation level {step.Level} finds nobody on call."
                    : $":rotating_light: {who}: not acknowledged after {Waited(after)}, escalating to you (level {step.Level}).";
                await slack.PostMessageAsync(record.Channel, ChatReply.Plain(text), record.Ts, ct).ConfigureAwait(false);
            }
            else if (await messages.FindAsync(step.GroupId, ct).ConfigureAwait(false) is { Record.Page: { } written } && written.Level >= step.Level)
                (users, groups) = (written.LevelUsers, written.LevelGroups); // another run advanced it: DM whom it chose
        }
        await steps.QueueAsync(step.GroupId, step.Episode, step.Level + 1, record.Channel, after ?? TimeSpan.FromMinutes(5), ct, step.Alert).ConfigureAwait(false);
        var members = new List<string>(users);
        foreach (var group in groups) members.AddRange(await GroupMembersAsync(group, ct).ConfigureAwait(false));
        await DirectAsync(envelope, members.Distinct().ToList(), record, $"Escalated to you (level {step.Level}, nobody acknowledged)", ct).ConfigureAwait(false);
        log.LogInformation("Alert group {GroupId}: escalated to level {Level} ({Users} people, {Groups} groups)", step.GroupId, step.Level, users.Count, groups.Count);
        return Done(envelope, "escalated");
    }

    private static string Waited(TimeSpan? after) => after is { } wait ? Times.Duration(wait) : "a while";

    private static string? Stopped(AlertMessageRecord record, DateTimeOffset now) => record switch
    {
        { Firing: false } => "resolved",
        { AckedBy: not null } => "acknowledged",
        { SilencedUntil: { } until } when until > now => "silenced",
        _ => null,
    };

    private async Task<(IReadOnlyList<string> Users, IReadOnlyList<string> Groups)> TargetAsync(EscalationLevel level, AlertRoute route, AlertPage page,
        CancellationToken ct)
    {
        switch (level.Target)
        {
            case EscalationTarget.UserGroup:
                return ([], [level.Name!]);
            case EscalationTarget.Schedule:
                var other = await roster.NowAsync(level.Name!, ct).ConfigureAwait(false);
                return (other?.User is { } person && !page.Users.Contains(person) ? [person] : [], []);
            default:
                // From the shift's own person, never the last one paged: that may be an override holder the rotation
                // does not list. The shift's person first (when an override was paged instead), then the rotation after them.
                if (await roster.NowAsync(route.Schedule!.Trim(), ct).ConfigureAwait(false) is not { Shift: { } shift, Schedule: var schedule }) return ([], []);
                var candidate = shift.User;
                for (var i = 0; i < schedule.Users.Count && candidate is not null; i++)
                {
                    if (!page.Users.Contains(candidate)) return ([candidate], []);
                    candidate = Rotation.After(schedule, candidate);
                }
                return ([], []);
        }
    }

    private async Task<WorkerResult> ExhaustedAsync(CommandEnvelope envelope, AlertMessageRecord record, AlertPage page, TimeSpan? after, CancellationToken ct)
    {
        // The flag first, the post only by the run that set it: a rerun never says it twice.
        var flagged = false;
        if (!page.Exhausted)
            await poster.ChangeAsync(envelope, envelope.Escalation!.GroupId, r =>
            {
                flagged = r.Page is { Exhausted: false };
                return flagged ? r with { Page = r.Page! with { Exhausted = true } } : r;
            }, ct).ConfigureAwait(false);
        if (flagged)
        {
            var link = Mrkdwn.Link(AlertPoster.Permalink(record.Channel, record.Ts!), AlertMessage.Name(record.Last!));
            await slack.PostMessageAsync(record.Channel, ChatReply.Plain(
                $":warning: Nobody acknowledged {link} after {page.Level} paging level{(page.Level == 1 ? "" : "s")} ({Waited(after)} each). " +
                "The escalation has reached its last level; press *I'm on it* on the message once someone has it."), null, ct).ConfigureAwait(false);
        }
        log.LogWarning("Alert group {GroupId}: nobody acknowledged after {Levels} levels", envelope.Escalation!.GroupId, page.Level);
        return Done(envelope, "exhausted");
    }

    private async Task<IReadOnlyList<string>> GroupMembersAsync(string group, CancellationToken ct)
    {
        try
        {
            return (await slack.UserGroupMembersAsync(group, ct).ConfigureAwait(false)).Take(MaxGroupDms).ToList();
        }
        catch (SlackApiException ex) when (!ex.IsTransient)
        {
            // The group is mentioned in the thread; only the DMs are missing.
            log.LogWarning("Could not list the members of user group {UserGroup} ({SlackError}); it is mentioned, not DMed", group, ex.Error);
            return [];
        }
    }

    /// <summary>A short copy of the alert with a link to its message, in each person's DM (paced per person like any post).
    /// Someone Slack refuses for good is skipped, and the thread says who could not be DMed.</summary>
    private async Task DirectAsync(CommandEnvelope envelope, IReadOnlyList<string> users, AlertMessageRecord record, string why, CancellationToken ct)
    {
        var name = AlertMessage.Name(record.Last!);
        var severity = record.Last!.CommonLabels.GetValueOrDefault("severity");
        var link = Mrkdwn.Link(AlertPoster.Permalink(record.Channel, record.Ts!), "open the alert");
        var text = $":rotating_light: {why}: *FIRING: {Mrkdwn.Escape(name)}*" + (severity is null ? "" : $" ({Mrkdwn.Code(severity)})") +
                   $" in {Mrkdwn.Channel(record.Channel)} · {link}";
        var refused = new List<string>();
        foreach (var user in users)
        {
            try
            {
                await slack.PostMessageAsync(user, ChatReply.Plain(text), null, ct).ConfigureAwait(false);
            }
            catch (SlackApiException ex) when (!ex.IsTransient)
            {
                log.LogWarning("Alert group {GroupId}: could not DM {User} ({SlackError}); the others are DMed", envelope.Escalation!.GroupId, user, ex.Error);
                refused.Add(user);
            }
        }
        if (refused.Count > 0)
            await slack.PostMessageAsync(record.Channel, ChatReply.Plain(
                $":warning: Could not DM {string.Join(", ", refused.Select(Mrkdwn.User))}: Slack refused (deactivated, or not a person?). The others were DMed."),
                record.Ts, ct).ConfigureAwait(false);
    }

    private WorkerResult Done(CommandEnvelope envelope, string outcome) =>
        new(WorkerOutcome.Answered, new DeliveryRecord(envelope.DedupeKey, envelope.Id, outcome, envelope.UserId, clock.GetUtcNow()));
}
