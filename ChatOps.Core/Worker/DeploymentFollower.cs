using ChatOps.Core.Audit;
using ChatOps.Core.Commands.Deploy;
using ChatOps.Core.Delivery;
using ChatOps.Core.Envelopes;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Options;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Worker;

/// <summary>
/// Follows a deployment to its end without anything waiting: each look is one queue message that asks the
/// Ops service, updates the confirmation's message in place and queues the next look. Each round is claimed,
/// so a redelivered look never forks the chain; the end is claimed too, so the final message and the one
/// audit record of the deployment happen once.
/// </summary>
public sealed class DeploymentFollower(
    IOpsClient ops, ReplySender replies, IFollowUps followUps, IDeliveryClaims claims, AuditLog audit, WorkerOptions options,
    TimeProvider clock, ILogger<DeploymentFollower> log) : IQueuedWork
{
    // A day of looks at the default pace; the Ops service ends every action long before (its timeout).
    private const int MaxRounds = 8640;

    /// <summary>Queues the first look after a confirmed command started a deployment. A failure here must not
    /// undo the confirmation (the deployment runs): it is logged, and the message keeps saying it started.</summary>
    public async Task StartAsync(CommandEnvelope click, string deploymentId, CancellationToken ct = default)
    {
        try
        {
            await followUps.QueueAsync(Next(click, new DeploymentFollow(deploymentId, 1)), options.DeploymentPoll, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Could not queue the follow-up of deployment {DeploymentId} ({CommandId}); its message will not be updated",
                deploymentId, click.Id);
        }
    }

    public EnvelopeKind Kind => EnvelopeKind.DeploymentFollow;
    public bool Audited => false;
    public bool IsComplete(CommandEnvelope envelope) => envelope.Follow is not null;

    /// <summary>Each look is claimed by its round: a redelivered look never forks the chain.</summary>
    public string ClaimKey(CommandEnvelope envelope) => $"{envelope.DedupeKey}.follow{envelope.Follow!.Round}";

    public Task<WorkerResult> RepeatAsync(QueuedItem item, DeliveryRecord? earlier, CancellationToken ct) =>
        Task.FromResult(new WorkerResult(WorkerOutcome.Duplicate, null));

    public async Task<WorkerResult> RunAsync(QueuedItem item, CancellationToken ct)
    {
        var (envelope, follow) = (item.Envelope, item.Envelope.Follow!);
        var caller = new OpsCaller(envelope.UserId, envelope.ChannelId, "deployment status");
        var status = await ops.DeploymentStatusAsync(follow.DeploymentId, caller, ct).ConfigureAwait(false);
        var outcome = status.Done || follow.Round >= MaxRounds
            ? await FinishAsync(envelope, status, item.MessageId, ct).ConfigureAwait(false)
            : await ProgressAsync(envelope, follow, status, ct).ConfigureAwait(false);
        return new WorkerResult(outcome, new DeliveryRecord(ClaimKey(envelope), envelope.Id, "deployment_followed", envelope.UserId, clock.GetUtcNow()));
    }

    private async Task<WorkerOutcome> ProgressAsync(CommandEnvelope envelope, DeploymentFollow follow, DeploymentInfo status, CancellationToken ct)
    {
        var delivered = await replies.SendAsync(envelope, DeploymentReplies.Progress(status), ct, replaceOriginal: true).ConfigureAwait(false);
        await followUps.QueueAsync(Next(envelope, follow with { Round = follow.Round + 1 }), options.DeploymentPoll, ct).ConfigureAwait(false);
        log.LogInformation("Deployment {DeploymentId} still running (look {Round}); updated {Delivered}", status.Id, follow.Round, delivered);
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
