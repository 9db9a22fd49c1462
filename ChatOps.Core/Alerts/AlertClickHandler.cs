using ChatOps.Core.Access;
using ChatOps.Core.Commands;
using ChatOps.Core.Commands.Silences;
using ChatOps.Core.Envelopes;
using ChatOps.Core.Failures;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;
using ChatOps.Core.Slack;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Alerts;

/// <summary>
/// Silence (menu) and Show traces on an alert message. Every click is answered to the clicker: done, refused and
/// why, or failed and why. Silence is a mutating command under the access policy, created as the clicker, with
/// matchers from the group labels; the message then shows who silenced it until when.
/// </summary>
public sealed class AlertClickHandler(IAlertMessages messages, IOpsClient ops, AlertPoster poster, CommandDispatcher dispatcher,
    Options.OpsOptions opsOptions, TimeProvider clock, ILogger<AlertClickHandler> log)
{
    private static readonly TimeSpan TraceWindow = TimeSpan.FromMinutes(15);

    public async Task<AlertClickResult> HandleAsync(CommandEnvelope envelope, ButtonClick click, CommandContext context, CancellationToken ct = default)
    {
        var command = click.ActionId == AlertActions.Silence ? SilenceCommand.Definition.Name : "list traces";
        if (AlertActions.Read(click.ActionId, click.Value) is not { } target)
            return Notice(":warning: This button's value is not one I wrote; nothing was done.", "invalid", command, "");
        var found = await messages.FindAsync(target.GroupId, ct).ConfigureAwait(false);
        if (found is not { Record: { Last: { } last, Ts: { } } record })
            return Notice(":warning: I no longer know this alert group, so nothing was done. Use `silence <matchers> for <duration>`.", "invalid", command, "");
        if (record.Channel != envelope.ChannelId)
            return Notice(":no_entry: This alert was posted in another channel and can only be acted on there. Nothing was done.", "invalid", command, "");
        return target.Duration is { } duration
            ? await SilenceAsync(envelope, context, last, target.GroupId, duration, ct).ConfigureAwait(false)
            : await TracesAsync(envelope, context, last, record, ct).ConfigureAwait(false);
    }

    private async Task<AlertClickResult> SilenceAsync(CommandEnvelope envelope, CommandContext context, AlertNotification last,
        string groupId, TimeSpan duration, CancellationToken ct)
    {
        var labels = last.GroupLabels.Count > 0 ? last.GroupLabels : last.CommonLabels;
        var matchers = labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => new LabelMatcher(l.Key, l.Value, IsRegex: false, IsEqual: true)).ToList();
        var arguments = $"{string.Join(",", matchers)} for {Times.Window(duration)}";
        if (await context.RefusalAsync(SilenceCommand.Definition, ct).ConfigureAwait(false) is { } refusal)
            return Notice(":no_entry: " + refusal, "refused", "silence", arguments);
        if (matchers.Count == 0) return Notice(":warning: This group has no labels to silence it by; nothing was done.", "invalid", "silence", arguments);

        var now = clock.GetUtcNow();
        string id;
        try
        {
            id = await ops.CreateSilenceAsync(new SilenceRequest(matchers, now, now + duration, envelope.UserId,
                $"Silenced from Slack for {Times.Window(duration)}: {AlertMessage.Name(last)}"), context.Caller("silence"), ct).ConfigureAwait(false);
        }
        catch (ServiceFailureException failure)
        {
            // Someone is waiting on the click: say why now rather than retry behind their back; they can pick again.
            log.LogWarning("Silence for alert group {GroupId} by {User} failed: {Reason}", groupId, envelope.UserId, failure.UserMessage);
            return new AlertClickResult(ChatReply.Plain($":x: No silence was created: {Mrkdwn.Escape(failure.UserMessage)}"), "allowed", "failed", "silence", arguments);
        }

        try
        {
            // Onto the record as it is now (it may have resolved while Alertmanager answered), never the one read before.
            await poster.ChangeAsync(envelope, groupId, r => r with { SilencedBy = envelope.UserId, SilencedUntil = now + duration }, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SlackApiException or ServiceFailureException)
        {
            log.LogWarning("Silence {SilenceId} created, but the alert message could not show it: {Error}", id, ex.Message);
        }
        return new AlertClickResult(ChatReply.Plain(
            $":mute: Silenced {Mrkdwn.Code(string.Join(",", matchers))} for {Times.Window(duration)} (until {Times.Utc(now + duration)}). " +
            $"Silence id {Mrkdwn.Code(id)}; {Mrkdwn.Code("unsilence " + id)} ends it early."), "allowed", "success", "silence", arguments);
    }

    private async Task<AlertClickResult> TracesAsync(CommandEnvelope envelope, CommandContext context, AlertNotification last, AlertMessageRecord record,
        CancellationToken ct)
    {
        var service = last.CommonLabels.GetValueOrDefault("service") ?? last.CommonLabels.GetValueOrDefault("job");
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
