using ChatOps.Core.Envelopes;
using ChatOps.Core.Replies;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Worker;

/// <summary>Tells the user, where they asked, that their command failed after every retry, with
/// the id under which the failures were logged.</summary>
public sealed class PoisonNotifier(ReplySender replies, ILogger<PoisonNotifier> log)
{
    public async Task<bool> NotifyAsync(CommandEnvelope envelope, CancellationToken ct = default)
    {
        log.LogError("Command {CommandId} from {User} in {Channel} failed after all retries", envelope.Id, envelope.UserId, envelope.ChannelId);
        return await replies.SendAsync(envelope, Message(envelope), ct).ConfigureAwait(false);
    }

    public static ChatReply Message(CommandEnvelope envelope)
    {
        if (envelope.Alert is { } alert)
            return ChatReply.Plain($":x: Alertmanager notification {Mrkdwn.Code(alert.Status + " " + Alerts.AlertMessage.Name(alert))} could not be posted " +
                                   $"after every retry. Error id {Mrkdwn.Code(envelope.Id)}: the operators can find the cause in the logs under that id.");
        if (envelope.Escalation is { } step)
            return ChatReply.Plain($":x: Paging level {step.Level} of {Mrkdwn.Code(step.Alert ?? step.GroupId)} could not be completed after every retry: " +
                                   "whoever it was meant for may not have been told; check the alert's message. " +
                                   $"Error id {Mrkdwn.Code(envelope.Id)}: the operators can find the cause in the logs under that id.");
        var shown = envelope.Text.Length > 200 ? envelope.Text[..200] + "…" : envelope.Text;
        var what = envelope switch
        {
            // The deployment runs on whatever happened to its messages: never say the click failed.
            { Follow: { } follow } when EnvelopeKinds.Of(envelope) is EnvelopeKind.DeploymentFollow or EnvelopeKind.DeferredReply =>
                $"I lost track of deployment {Mrkdwn.Code(follow.DeploymentId)}: its message could not be updated after every retry. " +
                $"It was not stopped; {Mrkdwn.Code("deployments")} shows how it ends",
            // It ran; only its answer was lost: asking again would run it twice.
            { Deferred: not null } => $"{Mrkdwn.Code(shown.Length == 0 ? "your command" : shown)} ran, but its answer could not be posted after every retry",
            { Click: not null } => "your click on that request could not be handled after every retry; the request is as the message shows",
            _ => $"{Mrkdwn.Code(shown.Length == 0 ? "help" : shown)} failed after every retry",
        };
        var text = $":x: Sorry {Mrkdwn.User(envelope.UserId)}, {what}. " +
                   $"Error id {Mrkdwn.Code(envelope.Id)}: the operators can find the cause in the logs under that id.";
        return ChatReply.Plain(text);
    }
}
