using ChatOps.Core.Envelopes;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Worker;

/// <summary>A reply Slack rate-limited earlier, whatever work it answers (a command, a click, a deployment's
/// message): post the kept reply, once, and run nothing. Claimed under the kept reply itself, since the work's own
/// key already holds the work's outcome, and several replies under one key (clicks on one prompt) may wait at once.</summary>
public sealed class DeferredReplyWork(ReplySender replies, WorkerServices services, ILogger<DeferredReplyWork> log) : IQueuedWork
{
    public EnvelopeKind Kind => EnvelopeKind.DeferredReply;
    public bool Audited => false;
    public bool IsComplete(CommandEnvelope envelope) => envelope.Deferred is not null;
    public string ClaimKey(CommandEnvelope envelope) => $"{envelope.DedupeKey}.{envelope.Deferred!.Id}";

    public Task<WorkerResult> RepeatAsync(QueuedItem item, DeliveryRecord? earlier, CancellationToken ct) =>
        Task.FromResult(new WorkerResult(WorkerOutcome.Duplicate, null));

    public async Task<WorkerResult> RunAsync(QueuedItem item, CancellationToken ct)
    {
        var (envelope, deferred) = (item.Envelope, item.Envelope.Deferred!);
        var kept = await services.Deferrals.LoadAsync(deferred, ct).ConfigureAwait(false);
        // Rate-limited again: SendAsync keeps it anew (a new kept reply and envelope), so this one is done either way.
        var delivered = kept is { } k && await replies.SendAsync(envelope, k.Reply, CancellationToken.None, k.ReplaceOriginal).ConfigureAwait(false);
        if (kept is null) log.LogError("The kept reply {ReplyId} to {CommandId} is gone; nothing to post", deferred.Id, envelope.Id);
        else log.LogInformation("Deferred reply to {CommandId} (round {Round}): delivered {Delivered}", envelope.Id, deferred.Round, delivered);
        try
        {
            await services.Deferrals.RemoveAsync(deferred, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Posted already: a failure to tidy up must not make the queue post it again.
            log.LogWarning("Could not remove the kept reply {ReplyId} to {CommandId} ({Error}); it was posted", deferred.Id, envelope.Id, ex.Message);
        }
        var record = new DeliveryRecord(ClaimKey(envelope), envelope.Id, "deferred_reply", envelope.UserId, services.Clock.GetUtcNow());
        return new WorkerResult(delivered ? WorkerOutcome.Answered : WorkerOutcome.Undeliverable, record);
    }
}
