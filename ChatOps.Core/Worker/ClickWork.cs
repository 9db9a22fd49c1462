using ChatOps.Core.Commands;
using ChatOps.Core.Confirmations;
using ChatOps.Core.Envelopes;
using ChatOps.Core.Failures;
using ChatOps.Core.Slack;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Worker;

/// <summary>Confirm or Cancel on a confirmation: verified, settled once, and answered in place; a confirmed
/// deployment is then followed to its end.</summary>
public sealed class ClickWork(CommandDispatcher dispatcher, ReplySender replies, WorkerServices services, WorkerAnswers answers,
    DeploymentFollower follower, ILogger<ClickWork> log) : IQueuedWork
{
    public EnvelopeKind Kind => EnvelopeKind.Click;
    public bool Audited => true;
    public bool IsComplete(CommandEnvelope envelope) => envelope.Click is not null;
    public string ClaimKey(CommandEnvelope envelope) => envelope.DedupeKey;
    public Task<WorkerResult> RepeatAsync(QueuedItem item, DeliveryRecord? earlier, CancellationToken ct) => answers.RepeatAsync(item, earlier, ct);

    public async Task<WorkerResult> RunAsync(QueuedItem item, CancellationToken ct)
    {
        if (await answers.RefuseOverLimitsAsync(item, ct).ConfigureAwait(false) is { } refused) return refused;
        var (envelope, audit, click) = (item.Envelope, item.Audit, item.Envelope.Click!);
        // Known before anything runs, so even an attempt that fails is audited with its command and trace id.
        var change = services.Clicks.Verify(click);
        audit.Change = change;
        var context = new CommandContext(envelope.Id, envelope.UserId, envelope.ChannelId, envelope.TeamId, dispatcher.Registry) { Access = services.Access };
        audit.Context = context;
        ClickResult result;
        try
        {
            result = await services.Clicks.HandleAsync(envelope, click, change, context, ct).ConfigureAwait(false);
        }
        catch (ServiceFailureException failure) when (failure.Handling == FailureHandling.Retry && item.DequeueCount >= services.Options.MaxDequeueCount)
        {
            // Confirmed, but the change could not be made on any attempt: say so to the clicker and leave
            // the prompt, so the change can be confirmed again once the Ops service is back.
            log.LogError(failure, "Confirmed change {CommandId} failed on its last attempt ({DequeueCount})", envelope.Id, item.DequeueCount);
            result = ClickResult.Notice(FailureReply.For(failure, envelope.Id), "confirmed", null) with { Outcome = OutcomeKind.Failed };
        }

        // Answered (and followed) in the environment the signed request names, which is where it ran.
        if ((result.Change ?? change)?.Environment is { } environment) envelope = envelope with { Environment = environment };
        audit.Decision = result.Decision;
        audit.Change = result.Change ?? audit.Change;
        // A started deployment is followed: its first look is queued before the message says "running", and if it
        // cannot be, the message says so (the deployment runs either way, so nothing here may fail the click).
        var reply = result.Reply;
        if (result.FollowDeploymentId is { } deploymentId && !await follower.StartAsync(envelope, deploymentId, CancellationToken.None).ConfigureAwait(false))
            reply = DeploymentFollower.NotFollowed(reply, deploymentId);
        bool delivered;
        try
        {
            // Settled (for a Confirm, already run): a shutdown must not cut the answer off half way either.
            delivered = await replies.SendAsync(envelope, reply, result.ReplaceOriginal ? CancellationToken.None : ct,
                replaceOriginal: result.ReplaceOriginal).ConfigureAwait(false);
        }
        catch (Exception ex) when (result.ReplaceOriginal)
        {
            // Settled (and for a Confirm, already run): a retry must not run it again or call it expired, whatever
            // failed (Slack, or storage keeping a rate-limited update). The prompt keeps its buttons; a later
            // click is told what became of the request.
            log.LogError("Click {CommandId} settled as {Decision}, but the update could not be posted ({Error}); not retried",
                envelope.Id, result.Decision, ex is SlackApiException slackError ? slackError.Error : ex.GetType().Name);
            delivered = false;
        }
        var outcome = result.Outcome is { } kind ? WorkerAnswers.OutcomeName(kind) : result.ReplaceOriginal ? "none" : "refused";
        audit.Write(delivered ? outcome : "undeliverable");
        log.LogInformation("Click {CommandId} on {Action}: {Decision}, delivered {Delivered}", envelope.Id, click.ActionId, result.Decision, delivered);
        // Only a settled request is remembered: a refused click must leave the prompt usable for someone who may.
        var record = result.ReplaceOriginal ? answers.Record(envelope, result.Decision, envelope.UserId) : null;
        return new WorkerResult(delivered ? WorkerOutcome.Answered : WorkerOutcome.Undeliverable, record);
    }
}
