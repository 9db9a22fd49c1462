using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Silences;

/// <summary>`silence &lt;matchers&gt; for &lt;duration&gt; [because &lt;text&gt;]`: an Alertmanager silence, created as the person who asked.</summary>
public sealed class SilenceCommand(IOpsClient ops, TimeProvider clock) : Command<SilenceArgs, SilenceCreated>
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
        var request = context.RequestedBy is { } requester && requester != context.UserId
            ? new SilenceRequest(args.Matchers, now, now + args.Duration, requester, $"{reason} (confirmed by {context.UserId})")
            : new SilenceRequest(args.Matchers, now, now + args.Duration, context.UserId, reason);
        var id = await ops.CreateSilenceAsync(request, context.Caller(Info.Name), ct).ConfigureAwait(false);
        return new SilenceCreated(id, args, now + args.Duration);
    }

    public override ChatReply Render(SilenceCreated result) => ChatReply.Plain(
        $":mute: Silenced {Mrkdwn.Code(result.Args.MatchersText)} until {Times.Utc(result.Until)}. Silence id {Mrkdwn.Code(result.Id)}; " +
        $"{Mrkdwn.Code("unsilence " + result.Id)} ends it early.");
}

public sealed record SilenceCreated(string Id, SilenceArgs Args, DateTimeOffset Until);
