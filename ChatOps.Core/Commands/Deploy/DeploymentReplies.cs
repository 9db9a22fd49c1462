using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Deploy;

/// <summary>
/// The messages of a deployment: started, in progress with the newest output, and how it ended. The output
/// is the action's raw text, so it is escaped and kept inside a code block (a backtick run cannot close it).
/// </summary>
public static class DeploymentReplies
{
    private const int TailLines = 10;
    private const int TailChars = 2000;

    public static ChatReply For(DeployResult result) => result switch
    {
        DeployStarted started => Progress(started.Deployment),
        DeployRefused refused => Refused(refused.Service, refused.Reason),
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };

    public static ChatReply Refused(string service, string reason) =>
        ChatReply.Plain($":no_entry: Refused for {Mrkdwn.Code(service)}: {Mrkdwn.Escape(reason)}. Nothing was run.");

    public static ChatReply Progress(DeploymentInfo d)
    {
        var what = $"{Mrkdwn.Code(d.Service)} {(d.PreviousVersion is { } p ? Mrkdwn.Code(p) + " → " : "")}{Mrkdwn.Code(d.Version)}";
        var kind = d.Rollback ? "Rollback of" : "Deployment of";
        var headline = d.State switch
        {
            DeploymentState.Running => $":rocket: {kind} {what} running since {Times.Utc(d.StartedAt)}",
            DeploymentState.Succeeded => $":white_check_mark: {kind} {what} succeeded in {Took(d)}",
            DeploymentState.Failed => $":x: {kind} {what} failed{Exit(d)} after {Took(d)}",
            DeploymentState.TimedOut => $":hourglass: {kind} {what} timed out after {Took(d)}; its processes were killed",
            _ => $":warning: {kind} {what} was interrupted (the Ops service stopped while it ran) after {Took(d)}",
        };
        var who = $"Deployment {Mrkdwn.Code(d.Id)}; asked by {Mrkdwn.User(d.RequestedBy)}, confirmed by {Mrkdwn.User(d.ConfirmedBy)}";
        if (Verified(d) is { } check) headline += check;
        var blocks = new List<Block> { new SectionBlock(headline + ".") };
        if (Tail(d.Output) is { } tail) blocks.Add(new SectionBlock((d.Done ? "Last lines:\n" : "Output so far:\n") + tail));
        blocks.Add(new ContextBlock([who]));
        if (RollBack(d) is { } button) blocks.Add(new ActionsBlock([button]));
        return new ChatReply($"{headline}. ({who})", blocks);
    }

    /// <summary>A way back once a deployment has settled in success: to the version it replaced (the prompt the click
    /// brings names the real target). Not on a rollback, whose way back is another deployment.</summary>
    private static Button? RollBack(DeploymentInfo d) =>
        d is { Settled: true, State: DeploymentState.Succeeded, Rollback: false, PreviousVersion: { Length: > 0 } previous } && previous != d.Version
            ? new Button(BlockKitLimits.Truncate("Roll back to " + previous, 75), DeploymentActions.Rollback, DeploymentActions.RollbackValue(d.Service))
            : null;

    /// <summary>How long it took, as measured (to the millisecond): a 17 ms failure reads 17 ms, not 0.</summary>
    private static string Took(DeploymentInfo d) => Times.Duration(TimeSpan.FromMilliseconds(Math.Round((d.Duration ?? TimeSpan.Zero).TotalMilliseconds)));

    /// <summary>The follow-up's end when the Ops service no longer knows the deployment (its history was lost).</summary>
    public static ChatReply HistoryGone(string deploymentId) => ChatReply.Plain(
        $":warning: The Ops service no longer knows deployment {Mrkdwn.Code(deploymentId)}: its history is gone (a restart without " +
        $"its history file?), so I cannot say how it ended. Check the service itself, or {Mrkdwn.Code("deployed version")}.");

    /// <summary>The follow-up's end when the Ops service could not be reached until the deployment must have ended.</summary>
    public static ChatReply LostTrack(string deploymentId, string why) => ChatReply.Plain(
        $":warning: I lost track of deployment {Mrkdwn.Code(deploymentId)}: the Ops service did not answer until the deployment " +
        $"must have ended ({Mrkdwn.Escape(why)}). It was not stopped; {Mrkdwn.Code("deployments")} shows how it ended once the Ops service is back.");

    /// <summary>Whether the service's version query was seen reporting the new version (the Ops service checks it).</summary>
    private static string? Verified(DeploymentInfo d)
    {
        if (d.State != DeploymentState.Succeeded) return null;
        var note = d.VerificationNote is { } n ? Mrkdwn.Escape(n) : "";
        return d.Verification switch
        {
            "verifying" => $"; checking that the service reports {Mrkdwn.Code(d.Version)}",
            "verified" => $". Verified: {note}",
            "not_verified" => $". :warning: Not verified: {note}",
            "off" => $". Not verified ({note})",
            _ => null,
        };
    }

    private static string Exit(DeploymentInfo d) => d.ExitCode is { } code ? $" (exit status {code})" : "";

    /// <summary>The newest lines as a code block, bounded for a section; null when there is no output.</summary>
    private static string? Tail(IReadOnlyList<string> output)
    {
        if (output.Count == 0) return null;
        var text = string.Join("\n", output.TakeLast(TailLines));
        if (text.Length > TailChars) text = "…" + text[^TailChars..];
        return "```" + Mrkdwn.Escape(text).Replace("```", "'''") + "```";
    }
}
