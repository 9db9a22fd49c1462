using ChatOps.Core.Commands;
using ChatOps.Core.Confirmations;
using ChatOps.Core.Limits;
using ChatOps.Core.Replies;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Worker;

/// <summary>What the handlers of people's work share: the per-person limits, the refusal, the answer to a
/// repeat, and the record of an outcome.</summary>
public sealed class WorkerAnswers(ReplySender replies, WorkerServices services, ILogger<WorkerAnswers> log)
{
    /// <summary>How long a click waits for another click on the same request to settle before it is looked at again.</summary>
    private static readonly TimeSpan BusyClickDelay = TimeSpan.FromSeconds(5);

    /// <summary>The refusal when the text is too long or the person is over their rate; null when neither.</summary>
    public async Task<WorkerResult?> RefuseOverLimitsAsync(QueuedItem item, CancellationToken ct)
    {
        var envelope = item.Envelope;
        var limits = services.Limits;
        if (envelope.TextLength is { } length && length > limits.MaxCommandLength)
            return await RefuseAsync(item, "too_long", ChatReply.Plain(LimitReplies.TooLong(length, limits.MaxCommandLength)), ct).ConfigureAwait(false);
        // Only a first delivery counts: a redelivery after a failure is the same command, not another one.
        if (item.DequeueCount == 1 && !services.RateLimiter.TryAcquire(envelope.UserId, out var retryAfter))
            return await RefuseAsync(item, "rate_limited", ChatReply.Plain(
                $":no_entry: You have run {limits.CommandsPerMinute} commands in the last minute, the most allowed. " +
                $"Try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s. Nothing was run."), ct).ConfigureAwait(false);
        return null;
    }

    private async Task<WorkerResult> RefuseAsync(QueuedItem item, string decision, ChatReply reply, CancellationToken ct)
    {
        var (envelope, audit) = (item.Envelope, item.Audit);
        if (envelope.Click is { } click) audit.Change = services.Clicks.Verify(click);
        log.LogWarning("Refused {CommandId} from {User}: {Decision}", envelope.Id, envelope.UserId, decision);
        var delivered = await replies.SendAsync(envelope, reply, ct).ConfigureAwait(false);
        audit.Decision = decision;
        audit.Write(delivered ? "refused" : "undeliverable");
        // A refused click stays retryable (the user may click again later); a refused message is answered.
        return new WorkerResult(delivered ? WorkerOutcome.Answered : WorkerOutcome.Undeliverable,
            envelope.Click is null ? Record(envelope, decision, envelope.UserId) : null);
    }

    /// <summary>The key was claimed before. A click while another click on the same request is still running: its
    /// answer depends on how that one ends (a refused click leaves the request open), so it comes back after a wait
    /// (a wait, not a failure: never poisoned for it). Anything else runs nothing: a message says nothing (its answer
    /// is already there, or its running delivery answers); a click is a person waiting for a reaction, so they are
    /// told what became of the request.</summary>
    public async Task<WorkerResult> RepeatAsync(QueuedItem item, DeliveryRecord? earlier, CancellationToken ct)
    {
        var (envelope, audit) = (item.Envelope, item.Audit);
        if (earlier is null && envelope.Click is not null)
        {
            audit.Decision = "duplicate";
            audit.Write("retry");
            await services.Deferrals.RequeueAsync(envelope, BusyClickDelay, ct).ConfigureAwait(false);
            return new WorkerResult(WorkerOutcome.Duplicate, null);
        }
        log.LogInformation("{CommandId} repeats {DedupeKey}, already {Decision}; not run again (Slack retry {RetryNum})",
            envelope.Id, envelope.DedupeKey, earlier?.Decision ?? "in progress", envelope.RetryNum);
        audit.Decision = "duplicate";
        if (envelope.Click is null || earlier is null)
        {
            audit.Write("none");
            return new WorkerResult(WorkerOutcome.Duplicate, earlier);
        }
        audit.Change = services.Clicks.Verify(envelope.Click);
        var delivered = false;
        try
        {
            delivered = await replies.SendAsync(envelope, ConfirmationPrompt.AlreadySettled(earlier.Decision, earlier.User, earlier.At), ct)
                .ConfigureAwait(false);
        }
        finally
        {
            audit.Write(delivered ? "none" : "undeliverable");
        }
        return new WorkerResult(WorkerOutcome.Duplicate, earlier);
    }

    public DeliveryRecord Record(Envelopes.CommandEnvelope envelope, string decision, string user) =>
        new(envelope.DedupeKey, envelope.Id, decision, user, services.Clock.GetUtcNow());

    public static string OutcomeName(OutcomeKind kind) => kind switch
    {
        OutcomeKind.Success => "success",
        OutcomeKind.UserMistake => "user_mistake",
        OutcomeKind.Failed => "failed",
        OutcomeKind.Refused => "refused",
        OutcomeKind.AwaitingConfirmation => "pending",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
