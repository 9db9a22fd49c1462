using ChatOps.Core.Access;
using ChatOps.Core.Commands;
using ChatOps.Core.Commands.Silences;
using ChatOps.Core.Envelopes;
using ChatOps.Core.Failures;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Alerts;

/// <summary>
/// Silence (menu) and Show traces on an alert message. Every click is answered to the clicker: done, refused and
/// why, or failed and why. Silence asks to run the typed `silence` of the labels all the group's alerts share, under
/// its rules (access, confirmation, two-person); once confirmed, the message shows who silenced it until when.
/// </summary>
public sealed class AlertClickHandler(IAlertMessages messages, IOpsClient ops, AlertPoster poster, CommandDispatcher dispatcher,
    Options.OpsOptions opsOptions, TimeProvider clock, ILogger<AlertClickHandler> log)
{
    private static readonly TimeSpan TraceWindow = TimeSpan.FromMinutes(15);

    public async Task<AlertClickResult> HandleAsync(CommandEnvelope envelope, ButtonClick click, CommandContext context, CancellationToken ct = default)
    {
        var command = click.ActionId switch
        {
            AlertActions.Silence => SilenceCommand.Definition.Name,
            AlertActions.Unsilence => "unsilence",
            AlertActions.Acknowledge => "acknowledge",
            _ => "list traces",
        };
        if (AlertActions.Read(click.ActionId, click.Value) is not { } target)
            return Notice(":warning: This button's value is not one I wrote; nothing was done.", "invalid", command, "");
        var found = await messages.FindAsync(target.GroupId, ct).ConfigureAwait(false);
        if (found is not { Record: { Last: { } last, Ts: { } } record })
            return Notice(":warning: I no longer know this alert group, so nothing was done. Use `silence <matchers> for <duration>`.", "invalid", command, "");
        if (record.Channel != envelope.ChannelId)
            return Notice(":no_entry: This alert was posted in another channel and can only be acted on there. Nothing was done.", "invalid", command, "");
        return click.ActionId switch
        {
            AlertActions.Silence => await SilenceAsync(envelope, context, record, target.GroupId, target.Duration!.Value, ct).ConfigureAwait(false),
            AlertActions.Acknowledge => await AcknowledgeAsync(envelope, record, target.GroupId, ct).ConfigureAwait(false),
            AlertActions.Unsilence => await UnsilenceAsync(envelope, context, record, target.GroupId, ct).ConfigureAwait(false),
            _ => await TracesAsync(envelope, context, last, record, ct).ConfigureAwait(false),
        };
    }

    /// <summary>The matchers a pick silences: every label all the group's alerts share, so it mutes this group and
    /// nothing routed elsewhere (group labels alone, e.g. only alertname, would mute that alert for every team).</summary>
    public static IReadOnlyList<LabelMatcher> Matchers(AlertNotification n) =>
        (n.CommonLabels.Count > 0 ? n.CommonLabels : n.GroupLabels).OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => new LabelMatcher(l.Key, l.Value, IsRegex: false, IsEqual: true)).ToList();

    /// <summary>A pick asks to run the typed `silence` of the group's matchers, under the same rules: the access policy
    /// now, then the confirmation prompt (posted in the alert's thread, where a second person can confirm it when a rule
    /// requires two), and the silence is made on Confirm, as the picker, once, and shown on the message.</summary>
    private async Task<AlertClickResult> SilenceAsync(CommandEnvelope envelope, CommandContext context, AlertMessageRecord record,
        string groupId, TimeSpan duration, CancellationToken ct)
    {
        var matchers = Matchers(record.Last!);
        var arguments = SilenceArguments(matchers, duration);
        if (await context.RefusalAsync(SilenceCommand.Definition, ct).ConfigureAwait(false) is { } refusal)
            return Notice(":no_entry: " + refusal, "refused", "silence", arguments ?? "");
        if (matchers.Count == 0) return Notice(":warning: This group has no labels to silence it by; nothing was done.", "invalid", "silence", "");
        if (arguments is null || dispatcher.Find(SilenceCommand.Definition.Name) is not { } silence || context.Confirmations is not { } gate)
            return Notice(":warning: This group's labels cannot be written as a silence here; use `silence <matchers> for <duration>`. Nothing was done.",
                "invalid", "silence", "");

        var asked = await gate.AskAsync(silence, arguments, context with { AlertGroup = groupId }, ct).ConfigureAwait(false);
        if (asked.Kind != OutcomeKind.AwaitingConfirmation)
            return new AlertClickResult(asked.Reply, asked.Kind == OutcomeKind.Refused ? "refused" : "invalid",
                asked.Kind == OutcomeKind.Refused ? "refused" : "none", "silence", arguments);
        log.LogInformation("Silence of alert group {GroupId} picked by {User}: asking for confirmation in its thread", groupId, envelope.UserId);
        return new AlertClickResult(ChatReply.Plain(
            $":lock: Silencing {Mrkdwn.Code(string.Join(",", matchers))} for {Times.Window(duration)} needs a confirmation: it is asked in the alert's thread."),
            "confirmation_requested", "pending", "silence", arguments) { ThreadReply = asked.Reply, ThreadTs = record.Ts };
    }

    /// <summary>The typed `silence` arguments for these matchers, or null when a value cannot be written in one
    /// (a double quote): read back, they must be exactly these matchers.</summary>
    public static string? SilenceArguments(IReadOnlyList<LabelMatcher> matchers, TimeSpan duration)
    {
        if (matchers.Count == 0) return null;
        var text = string.Join(",", matchers.Select(m => m.Value.Any(c => c == ',' || char.IsWhiteSpace(c)) ? $"{m.Name}=\"{m.Value}\"" : m.ToString())) +
            $" for {Times.Window(duration)} because {PickReason}";
        var parsed = SilenceArgs.Parse(text);
        return parsed.Error is null && parsed.Value!.Matchers.SequenceEqual(matchers) && parsed.Value.Duration == duration ? text : null;
    }

    /// <summary>The reason a pick gives (no word of it is a keyword of `silence`).</summary>
    private const string PickReason = "picked on the alert message";

    /// <summary>"I'm on it": anyone who sees the alert may own it; a second person takes it over, and both are said.</summary>
    private async Task<AlertClickResult> AcknowledgeAsync(CommandEnvelope envelope, AlertMessageRecord record, string groupId, CancellationToken ct)
    {
        var name = AlertMessage.Name(record.Last!);
        if (!record.Firing) return Notice($":information_source: {Mrkdwn.Escape(name)} has already resolved; nothing to take on.", "invalid", "acknowledge", groupId);
        string? before = null;
        var now = clock.GetUtcNow();
        var changed = await poster.ChangeAsync(envelope, groupId, r =>
        {
            before = r.AckedBy;
            return r.AckedBy == envelope.UserId ? r : r with { AckedBy = envelope.UserId, AckedAt = now };
        }, ct).ConfigureAwait(false);
        if (!changed) return Notice(":warning: I no longer know this alert group, so nothing was done.", "invalid", "acknowledge", groupId);
        var text = before is null || before == envelope.UserId
            ? $":technologist: You are on {Mrkdwn.Escape(name)}; the message says so."
            : $":technologist: You took {Mrkdwn.Escape(name)} over from {Mrkdwn.User(before)}; the message says so.";
        return new AlertClickResult(ChatReply.Plain(text), "allowed", before is not null && before != envelope.UserId ? "taken_over" : "success", "acknowledge", groupId);
    }

    /// <summary>Ends the silence made from the message, under the same rule as a typed `unsilence`.</summary>
    private async Task<AlertClickResult> UnsilenceAsync(CommandEnvelope envelope, CommandContext context, AlertMessageRecord record, string groupId, CancellationToken ct)
    {
        if (record.SilenceId is not { } id) return Notice(":information_source: This alert is not silenced from here; nothing to end.", "invalid", "unsilence", "");
        if (dispatcher.Find("unsilence") is { } unsilence && await context.RefusalAsync(unsilence.Info, ct).ConfigureAwait(false) is { } refusal)
            return Notice(":no_entry: " + refusal, "refused", "unsilence", id);
        var answer = $":loud_sound: Silence {Mrkdwn.Code(id)} has ended; the alert notifies again.";
        try
        {
            await ops.ExpireSilenceAsync(id, context.Caller("unsilence"), ct).ConfigureAwait(false);
        }
        catch (ServiceFailureException failure) when (failure.Handling == FailureHandling.UserMistake)
        {
            // Already ended (or removed) in Alertmanager: the message only has to stop saying it is silenced.
            answer = $":information_source: Silence {Mrkdwn.Code(id)} had already ended: {Mrkdwn.Escape(failure.UserMessage)}";
        }
        catch (ServiceFailureException failure)
        {
            return new AlertClickResult(ChatReply.Plain($":x: The silence was not ended: {Mrkdwn.Escape(failure.UserMessage)}"), "allowed", "failed", "unsilence", id);
        }
        try
        {
            await poster.ChangeAsync(envelope, groupId, r => r.SilenceId == id ? r with { SilencedBy = null, SilencedUntil = null, SilenceId = null } : r, ct)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning("Silence {SilenceId} ended, but the alert message could not show it: {Error}", id, ex.Message);
        }
        return new AlertClickResult(ChatReply.Plain(answer), "allowed", "success", "unsilence", id);
    }

    private async Task<AlertClickResult> TracesAsync(CommandEnvelope envelope, CommandContext context, AlertNotification last, AlertMessageRecord record,
        CancellationToken ct)
    {
        var service = AlertMessage.Service(last);
        var query = new TraceQuery(service, Start: record.FiringSince - TraceWindow, End: record.FiringSince + TraceWindow);
        var arguments = $"service={service} start={Times.Utc(query.Start!.Value)}";
        if (dispatcher.Find("list traces") is { } listTraces && await context.RefusalAsync(listTraces.Info, ct).ConfigureAwait(false) is { } refusal)
            return Notice(":no_entry: " + refusal, "refused", "list traces", arguments);
        if (service is null) return Notice(":warning: These alerts carry no `service` (or `job`) label, so I can't tell whose traces to show.", "invalid", "list traces", arguments);
        try
        {
            var traces = await ops.ListTracesAsync(query, context.Caller("list traces"), ct).ConfigureAwait(false);
            var result = new Commands.Ops.ListTracesResult(query, traces.OrderByDescending(t => t.Start).ToList(), clock.GetUtcNow(), opsOptions.TraceUiUrl);
            return new AlertClickResult(Commands.Ops.ListTracesRenderer.Render(result), "allowed", "success", "list traces", arguments);
        }
        catch (ServiceFailureException failure)
        {
            return new AlertClickResult(ChatReply.Plain($":x: Traces could not be listed: {Mrkdwn.Escape(failure.UserMessage)}"), "allowed", "failed", "list traces", arguments);
        }
    }

    private static AlertClickResult Notice(string mrkdwn, string decision, string command, string arguments) =>
        new(ChatReply.Plain(mrkdwn), decision, decision == "refused" ? "refused" : "none", command, arguments);
}
