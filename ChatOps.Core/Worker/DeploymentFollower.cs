using ChatOps.Core.Audit;
using ChatOps.Core.Commands.Deploy;
using ChatOps.Core.Delivery;
using ChatOps.Core.Envelopes;
using ChatOps.Core.Failures;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Options;
using ChatOps.Core.Replies;
using ChatOps.Core.Slack;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Worker;

/// <summary>
/// Follows a deployment to its end without anything waiting: each look is one queue message that asks the
/// Ops service, updates the confirmation's message in place and queues the next look. Each round is claimed,
/// so a redelivered look never forks the chain; the end is claimed too, so the final message and the one
/// audit record of the deployment happen once. An Ops service that cannot be reached does not end the chain:
/// the looks back off until the deployment must have ended (<see cref="WorkerOptions.DeploymentFollowFor"/>: its
/// timeout plus a margin), and only then does the message say the bot lost track, and how to look.
/// </summary>
public sealed class DeploymentFollower(
    IOpsClient ops, ReplySender replies, IFollowUps followUps, IDeliveryClaims claims, AuditLog audit, WorkerOptions options,
    TimeProvider clock, ILogger<DeploymentFollower> log) : IQueuedWork
{
    // A day of looks at the default pace; the Ops service ends every action long before (its timeout).
    private const int MaxRounds = 8640;

    private const int QueueAttempts = 3;

    public EnvelopeKind Kind => EnvelopeKind.DeploymentFollow;
    public bool Audited => false;
    public bool IsComplete(CommandEnvelope envelope) => envelope.Follow is not null;

    /// <summary>Each look is claimed by its round: a redelivered look never forks the chain.</summary>
    public string ClaimKey(CommandEnvelope envelope) => $"{envelope.DedupeKey}.follow{envelope.Follow!.Round}";

    public Task<WorkerResult> RepeatAsync(QueuedItem item, DeliveryRecord? earlier, CancellationToken ct) =>
        Task.FromResult(new WorkerResult(WorkerOutcome.Duplicate, null));

    /// <summary>Queues the first look after a confirmed command started a deployment, trying a few times. A failure
    /// must not undo the confirmation (the deployment runs): false says the message will not be followed.</summary>
    public async Task<bool> StartAsync(CommandEnvelope click, string deploymentId, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await followUps.QueueAsync(Next(click, new DeploymentFollow(deploymentId, 1)), options.DeploymentPoll, ct).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < QueueAttempts)
            {
                log.LogWarning("Queueing the follow-up of deployment {DeploymentId} ({CommandId}) failed ({Error}); trying again",
                    deploymentId, click.Id, ex.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), clock, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Could not queue the follow-up of deployment {DeploymentId} ({CommandId}); its message will not be updated",
                    deploymentId, click.Id);
                return false;
            }
        }
    }

    /// <summary>What the started message says when its follow-up could not be queued.</summary>
    public static ChatReply NotFollowed(ChatReply started, string deploymentId)
    {
        var note = $":warning: I could not follow this deployment, so this message will not change. " +
                   $"{Mrkdwn.Code("deployments")} shows how {Mrkdwn.Code(deploymentId)} ends.";
        return new ChatReply($"{started.Text}\n{note}", [.. started.Blocks, new ContextBlock([note])]) { Files = started.Files };
    }

    public async Task<WorkerResult> RunAsync(QueuedItem item, CancellationToken ct)
    {
        var (envelope, follow) = (item.Envelope, item.Envelope.Follow!);
        var caller = new OpsCaller(envelope.UserId, envelope.ChannelId, "deployment status") { Environment = envelope.Environment };
        WorkerOutcome outcome;
        try
        {
            var status = await ops.DeploymentStatusAsync(follow.DeploymentId, caller, ct).ConfigureAwait(false);
            outcome = status.Settled || follow.Round >= MaxRounds
                ? await FinishAsync(envelope, status, item.MessageId, ct).ConfigureAwait(false)
                : await ProgressAsync(envelope, follow, status, ct).ConfigureAwait(false);
        }
        catch (OpsException ex) when (ex.Code == StatusCode.NotFound)
        {
            outcome = await EndUnknownAsync(envelope, follow, DeploymentReplies.HistoryGone(follow.DeploymentId), "history_gone", item.MessageId, ct)
                .ConfigureAwait(false);
        }
        catch (ServiceFailureException ex) when (TransientFailure.Is(ex))
        {
            outcome = await MissAsync(envelope, follow, ex, item.MessageId, ct).ConfigureAwait(false);
        }
        return new WorkerResult(outcome, new DeliveryRecord(ClaimKey(envelope), envelope.Id, "deployment_followed", envelope.UserId, clock.GetUtcNow()));
    }

    /// <summary>The Ops service did not answer this look: look again later, waiting longer each time, until the
    /// deployment must have ended; then say so in the message.</summary>
    private async Task<WorkerOutcome> MissAsync(CommandEnvelope envelope, DeploymentFollow follow, ServiceFailureException ex, string messageId, CancellationToken ct)
    {
        var giveUpAt = envelope.ReceivedAt + options.DeploymentFollowFor;
        if (clock.GetUtcNow() >= giveUpAt)
        {
            log.LogError("Lost track of deployment {DeploymentId}: the Ops service did not answer since look {Round} ({Error})",
                follow.DeploymentId, follow.Round - follow.Misses, ex.UserMessage);
            return await EndUnknownAsync(envelope, follow, DeploymentReplies.LostTrack(follow.DeploymentId, ex.UserMessage), "lost_track", messageId, ct)
                .ConfigureAwait(false);
        }
        var misses = follow.Misses + 1;
        var wait = OpsOutage.Backoff(options.DeploymentPoll, misses);
        log.LogWarning("Deployment {DeploymentId}: the Ops service did not answer look {Round} ({Error}); looking again in {WaitSeconds} s",
            follow.DeploymentId, follow.Round, ex.UserMessage, (int)Math.Ceiling(wait.TotalSeconds));
        await followUps.QueueAsync(Next(envelope, follow with { Round = follow.Round + 1, Misses = misses }), wait, ct).ConfigureAwait(false);
        return WorkerOutcome.Undeliverable;
    }

    private async Task<WorkerOutcome> ProgressAsync(CommandEnvelope envelope, DeploymentFollow follow, DeploymentInfo status, CancellationToken ct)
    {
        bool delivered;
        try
        {
            // Not kept when rate-limited: a kept progress could be posted after the final message and undo it.
            delivered = await replies.SendAsync(envelope, DeploymentReplies.Progress(status), ct, replaceOriginal: true, keepIfLimited: false)
                .ConfigureAwait(false);
        }
        catch (SlackApiException ex) when (ex.RetryAfter is not null)
        {
            log.LogInformation("Deployment {DeploymentId}: Slack rate-limited progress update {Round}; the next look updates it", status.Id, follow.Round);
            delivered = false;
        }
        await followUps.QueueAsync(Next(envelope, follow with { Round = follow.Round + 1, Misses = 0 }), options.DeploymentPoll, ct).ConfigureAwait(false);
        log.LogInformation("Deployment {DeploymentId} still running (look {Round}); updated {Delivered}", status.Id, follow.Round, delivered);
        return delivered ? WorkerOutcome.Answered : WorkerOutcome.Undeliverable;
    }

    /// <summary>The end, when the bot cannot know how it went: said once in the message, under the end's claim.</summary>
    private async Task<WorkerOutcome> EndUnknownAsync(CommandEnvelope envelope, DeploymentFollow follow, ChatReply reply, string why, string messageId,
        CancellationToken ct)
    {
        var key = $"{envelope.DedupeKey}.deployed";
        if (await claims.TryClaimAsync(key, messageId, ct).ConfigureAwait(false) is not ClaimResult.Claimed { Claim: var held })
            return WorkerOutcome.Duplicate;
        bool delivered;
        try
        {
            delivered = await replies.SendAsync(envelope, reply, ct, replaceOriginal: true).ConfigureAwait(false);
        }
        catch (Exception)
        {
            await claims.ReleaseAsync(held, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        await claims.FinishAsync(held, new DeliveryRecord(key, envelope.Id, why, envelope.UserId, clock.GetUtcNow()), CancellationToken.None)
            .ConfigureAwait(false);
        log.LogWarning("Stopped following deployment {DeploymentId} ({Why}); message delivered {Delivered}", follow.DeploymentId, why, delivered);
        return delivered ? WorkerOutcome.Answered : WorkerOutcome.Undeliverable;
    }

    private async Task<WorkerOutcome> FinishAsync(CommandEnvelope envelope, DeploymentInfo status, string messageId, CancellationToken ct)
    {
        var key = $"{envelope.DedupeKey}.deployed";
        if (await claims.TryClaimAsync(key, messageId, ct).ConfigureAwait(false) is not ClaimResult.Claimed { Claim: var held })
            return WorkerOutcome.Duplicate;
        bool delivered;
        try
        {
            delivered = await replies.SendAsync(envelope, DeploymentReplies.Progress(status), ct, replaceOriginal: true).ConfigureAwait(false);
        }
        catch (Exception)
        {
            await claims.ReleaseAsync(held, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        var result = status.State.ToString().ToLowerInvariant() switch { "timedout" => "timed_out", var s => s };
        audit.Write(new AuditRecord
        {
            Time = clock.GetUtcNow(),
            EventId = envelope.Id,
            Source = "button",
            Team = envelope.TeamId,
            Channel = envelope.ChannelId,
            User = status.ConfirmedBy,
            Command = status.Rollback ? "rollback" : "deploy",
            Arguments = status.Rollback ? status.Service : $"{status.Service} {status.Version}",
            Decision = "deployment_finished",
            Outcome = delivered ? result : "undeliverable",
            RequestedBy = status.RequestedBy,
            DurationMs = (long)(status.Duration ?? TimeSpan.Zero).TotalMilliseconds,
            OpsTraceId = status.TraceId,
            Deployment = new DeploymentAudit(status.Id, status.Service, status.PreviousVersion, status.Version, status.Rollback,
                status.RequestedBy, status.ConfirmedBy, result, status.ExitCode, (long)(status.Duration ?? TimeSpan.Zero).TotalMilliseconds),
        });
        await claims.FinishAsync(held, new DeliveryRecord(key, envelope.Id, "deployment_finished", envelope.UserId, clock.GetUtcNow()),
            CancellationToken.None).ConfigureAwait(false);
        log.LogInformation("Deployment {DeploymentId} ended {State}; final message delivered {Delivered}", status.Id, status.State, delivered);
        return delivered ? WorkerOutcome.Answered : WorkerOutcome.Undeliverable;
    }

    /// <summary>The next look: the same conversation and message, updated with chat.update by the message's ts when
    /// Slack gave one (a response_url takes five uses in 30 minutes; a deployment may need more).</summary>
    private static CommandEnvelope Next(CommandEnvelope envelope, DeploymentFollow follow) => envelope with
    {
        Kind = EnvelopeKind.DeploymentFollow,
        Follow = follow,
        Deferred = null,
        ResponseUrl = envelope.Click?.MessageTs is not null ? null : envelope.ResponseUrl,
        RetryNum = 0,
    };
}
