using ChatOps.Core.Alerts;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Silences;

/// <summary>`silence &lt;matchers&gt; for &lt;duration&gt; [because &lt;text&gt;]`: an Alertmanager silence, created as the person who asked.
/// Also what a Silence pick on an alert message asks to run: once confirmed, that message shows the silence.</summary>
/// <param name="alerts">Shows a silence on the alert message it was picked from; absent where alerts are not received.</param>
public sealed class SilenceCommand(IOpsClient ops, TimeProvider clock, AlertPoster? alerts = null) : Command<SilenceArgs, SilenceCreated>
{
    /// <summary>Also what the access policy is asked about for the Silence menu on alert messages.</summary>
    public static readonly CommandInfo Definition = new(
        "silence", "<matchers> for <duration> [because <text>]",
        "Silence alerts in Alertmanager for a while.",
        "Matchers as Alertmanager writes them, separated by commas or spaces: name=value, name!=value, name=~regex, name!~regex. " +
        "The silence is created in your name; `unsilence <id>` ends it early.",
        ["silence alertname=HighErrorRate for 2h because deploying the fix", "silence service=checkout,severity=~warn.* for 30m"],
        Mutating: true);

    public override CommandInfo Info => Definition;

    public override ParseResult<SilenceArgs> Parse(string arguments) => SilenceArgs.Parse(arguments);

    public override string Describe(SilenceArgs args) =>
        $"alerts matching {Mrkdwn.Code(args.MatchersText)} will be silenced for {Times.Window(args.Duration)}" +
        (args.Reason is null ? "" : $" because {Mrkdwn.Escape(args.Reason)}");

    public override async Task<SilenceCreated> ExecuteAsync(SilenceArgs args, CommandContext context, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        // Confirmed by someone else: the silence is the requester's, and Alertmanager's readers learn who agreed.
        var reason = args.Reason ?? "silenced from Slack";
        var creator = context.RequestedBy ?? context.UserId;
        var comment = creator != context.UserId ? $"{reason} (confirmed by {context.UserId})" : reason;
        // The request's own mark: a retry of its Confirm (Alertmanager made the silence, its answer was lost) finds the
        // silence it made instead of making a second one that `unsilence` of the first would leave muting.
        var mark = context.ConfirmedRequestId is { } requestId ? $" [request {requestId}]" : "";
        var caller = context.Caller(Info.Name);
        var earlier = mark.Length == 0 ? null
            : (await ops.ListSilencesAsync(false, caller, ct).ConfigureAwait(false))
                .FirstOrDefault(s => s.CreatedBy == creator && s.Comment.EndsWith(mark, StringComparison.Ordinal));
        var until = earlier?.EndsAt ?? now + args.Duration;
        var id = earlier?.Id ?? await ops.CreateSilenceAsync(new SilenceRequest(args.Matchers, now, until, creator, comment + mark), caller, ct)
            .ConfigureAwait(false);
        if (context.AlertGroup is { } group && alerts is not null)
            await alerts.ShowSilenceAsync("silence-" + (context.ConfirmedRequestId ?? context.CommandId), group, creator, until, id, ct).ConfigureAwait(false);
        return new SilenceCreated(id, args, until);
    }

    public override ChatReply Render(SilenceCreated result) => ChatReply.Plain(
        $":mute: Silenced {Mrkdwn.Code(result.Args.MatchersText)} until {Times.Utc(result.Until)}. Silence id {Mrkdwn.Code(result.Id)}; " +
        $"{Mrkdwn.Code("unsilence " + result.Id)} ends it early.");
}

public sealed record SilenceCreated(string Id, SilenceArgs Args, DateTimeOffset Until);
