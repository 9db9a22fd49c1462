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
/// ends the chain. Each step is claimed by its id (group, episode, level) and the level reached is written on the record
/// before anyone is DMed, so a redelivered step or one taken over from a dead worker mentions nobody twice.
/// </summary>
public sealed class AlertEscalationWork(IAlertMessages messages, AlertPoster poster, AlertRouter router, OnCallRoster roster, OnCallOptions oncall,
    ISlackClient slack, EscalationSteps steps, IFollowUps followUps, TimeProvider clock, ILogger<AlertEscalationWork> log) : IQueuedWork
{
    /// <summary>How long a step waits for its message's post, still in flight.</summary>
    private static readonly TimeSpan PostPending = TimeSpan.FromSeconds(3);

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
            // Slack's pace, not a failure: the step comes back after the wait. What it already did is on the record
            // (the level reached), so it mentions nobody again; only the DMs are sent again.
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
            await followUps.QueueAsync(envelope, PostPending, ct).ConfigureAwait(false);
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
            if (after is { } first) await steps.QueueAsync(step.GroupId, step.Episode, 2, record.Channel, first, ct).ConfigureAwait(false);
            await DirectAsync(page.Users, record, $"You are on call for {Mrkdwn.Code(page.Schedule)}", ct).ConfigureAwait(false);
            return Done(envelope, "paged");
        }
        if (step.Level - 2 >= levels.Count) return await ExhaustedAsync(envelope, record, page, after, ct).ConfigureAwait(false);
        var (users, groups) = page.Level >= step.Level
            ? (page.LevelUsers, page.LevelGroups)
            : await TargetAsync(levels[step.Level - 2], route!, page, ct).ConfigureAwait(false);
        if (page.Level < step.Level)
        {
            var who = string.Join(", ", users.Select(Mrkdwn.User).Concat(groups.Select(Mrkdwn.Group)));
            var text = who.Length == 0
                ? $":rotating_light: Not acknowledged after {Waited(after)}: escalation level {step.Level} finds nobody on call."
                : $":rotating_light: {who}: not acknowledged after {Waited(after)}, escalating to you (level {step.Level}).";
            await slack.PostMessageAsync(record.Channel, ChatReply.Plain(text), record.Ts, ct).ConfigureAwait(false);
            // On the record (and the message) before anyone is DMed: a rerun of this step posts nothing again.
            await poster.ChangeAsync(envelope, step.GroupId, r => r.Page is { } p && p.Level < step.Level
                ? r with { Page = p with { Level = step.Level, Users = [.. p.Users, .. users], Groups = [.. p.Groups, .. groups], LevelUsers = users, LevelGroups = groups } }
                : r, ct).ConfigureAwait(false);
        }
        await steps.QueueAsync(step.GroupId, step.Episode, step.Level + 1, record.Channel, after ?? TimeSpan.FromMinutes(5), ct).ConfigureAwait(false);
        var members = new List<string>(users);
        foreach (var group in groups) members.AddRange(await GroupMembersAsync(group, ct).ConfigureAwait(false));
        await DirectAsync(members.Distinct().ToList(), record, $"Escalated to you (level {step.Level}, nobody acknowledged)", ct).ConfigureAwait(false);
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
                var schedule = roster.Schedules.Find(route.Schedule!.Trim());
                var from = page.Users.Count > 0 ? page.Users[^1] : "";
                var next = schedule is null ? null : Rotation.After(schedule, from);
                return (next is not null && !page.Users.Contains(next) ? [next] : [], []);
        }
    }

    private async Task<WorkerResult> ExhaustedAsync(CommandEnvelope envelope, AlertMessageRecord record, AlertPage page, TimeSpan? after, CancellationToken ct)
    {
        if (!page.Exhausted)
        {
            var link = Mrkdwn.Link(AlertPoster.Permalink(record.Channel, record.Ts!), AlertMessage.Name(record.Last!));
            await slack.PostMessageAsync(record.Channel, ChatReply.Plain(
                $":warning: Nobody acknowledged {link} after {page.Level} paging level{(page.Level == 1 ? "" : "s")} ({Waited(after)} each). " +
                "The escalation has reached its last level; press *I'm on it* on the message once someone has it."), null, ct).ConfigureAwait(false);
            await poster.ChangeAsync(envelope, envelope.Escalation!.GroupId, r => r.Page is { } p ? r with { Page = p with { Exhausted = true } } : r, ct)
                .ConfigureAwait(false);
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

    /// <summary>A short copy of the alert with a link to its message, in each person's DM (paced per person like any post).</summary>
    private async Task DirectAsync(IReadOnlyList<string> users, AlertMessageRecord record, string why, CancellationToken ct)
    {
        var name = AlertMessage.Name(record.Last!);
        var severity = record.Last!.CommonLabels.GetValueOrDefault("severity");
        var link = Mrkdwn.Link(AlertPoster.Permalink(record.Channel, record.Ts!), "open the alert");
        var text = $":rotating_light: {why}: *FIRING: {Mrkdwn.Escape(name)}*" + (severity is null ? "" : $" ({Mrkdwn.Code(severity)})") +
                   $" in {Mrkdwn.Channel(record.Channel)} · {link}";
        foreach (var user in users) await slack.PostMessageAsync(user, ChatReply.Plain(text), null, ct).ConfigureAwait(false);
    }

    private WorkerResult Done(CommandEnvelope envelope, string outcome) =>
        new(WorkerOutcome.Answered, new DeliveryRecord(envelope.DedupeKey, envelope.Id, outcome, envelope.UserId, clock.GetUtcNow()));
}
