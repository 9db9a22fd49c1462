using ChatOps.Core.Commands;
using ChatOps.Core.Delivery;
using ChatOps.Core.Envelopes;
using ChatOps.Core.Slack;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Worker;

/// <summary>
/// The one pipeline every queued envelope goes through, whatever its kind: find the kind's handler in the
/// <see cref="QueuedWorkTable"/>, claim the work's key, run it, record the outcome so it never runs again.
/// An infrastructure failure escapes as an exception (the claim released) so the queue tries again and, in the
/// end, the poison handler tells the user.
/// </summary>
public sealed class CommandWorker(
    QueuedWorkTable table,
    CommandDispatcher dispatcher,
    ISlackClient slack,
    WorkerServices services,
    ILogger<CommandWorker> log)
{
    /// <param name="messageId">The queue message carrying the envelope: the claim on the work's key is held
    /// in its name, so a later attempt of the same message can take over a claim its dead predecessor left.</param>
    public async Task<WorkerResult> RunAsync(CommandEnvelope envelope, int dequeueCount, string messageId, CancellationToken ct = default)
    {
        var started = services.Clock.GetTimestamp();
        var me = await slack.WhoAmIAsync(ct).ConfigureAwait(false);
        if (envelope.UserId == me.UserId)
        {
            log.LogInformation("Command {CommandId} came from the bot itself; not answered", envelope.Id);
            return new WorkerResult(WorkerOutcome.Ignored, null);
        }

        var kind = EnvelopeKinds.Of(envelope);
        var work = table.For(kind);
        if (!work.IsComplete(envelope))
        {
            // Retrying cannot complete it: finish the message, and say in the log what it lacked.
            log.LogError("Envelope {CommandId} of kind {Kind} lacks what that kind needs; dropped", envelope.Id, kind);
            return new WorkerResult(WorkerOutcome.Ignored, null);
        }
        var item = new QueuedItem(envelope, kind, dequeueCount, messageId, new AuditDraft(envelope, dequeueCount, services, dispatcher, started));
        var claim = await services.Claims.TryClaimAsync(work.ClaimKey(envelope), messageId, ct).ConfigureAwait(false);
        if (claim is ClaimResult.Finished finished) return await work.RepeatAsync(item, finished.Record, ct).ConfigureAwait(false);
        // Another delivery of the same work is running it now. Should it die, its own queue message comes back
        // and takes its claim over.
        if (claim is not ClaimResult.Claimed { Claim: var held }) return await work.RepeatAsync(item, null, ct).ConfigureAwait(false);

        if (work.Audited)
            log.LogInformation("Running {CommandId} ({Kind}) for {User} in {Channel} (attempt {DequeueCount}, Slack retry {RetryNum})",
                envelope.Id, kind, envelope.UserId, envelope.ChannelId, dequeueCount, envelope.RetryNum);
        WorkerResult result;
        try
        {
            result = await work.RunAsync(item, ct).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await ReleaseQuietlyAsync(held).ConfigureAwait(false);
            if (work.Audited) item.Audit.Write(ex is OperationCanceledException ? "none" : "retry");
            throw;
        }
        // The work ran and was answered: from here on nothing may make the queue run it again.
        if (result.Record is { } done) await FinishQuietlyAsync(held, done).ConfigureAwait(false);
        else await ReleaseQuietlyAsync(held).ConfigureAwait(false);
        return result;
    }

    /// <summary>Records the outcome, trying a few times; if storage still fails, the message completes anyway (the
    /// claim stays, marked as running, so other deliveries leave it alone until it is stale).</summary>
    private async Task FinishQuietlyAsync(DeliveryClaim held, DeliveryRecord record)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await services.Claims.FinishAsync(held, record, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (attempt < 3)
            {
                log.LogWarning("Recording the outcome of {CommandId} failed ({Error}); trying again", record.CommandId, ex.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), services.Clock).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Could not record the outcome of {CommandId}; it ran and was answered, so it is not retried", record.CommandId);
                return;
            }
        }
    }

    /// <summary>Releasing is a courtesy (a dead claim is taken over anyway); its failure must not hide the cause.</summary>
    private async Task ReleaseQuietlyAsync(DeliveryClaim held)
    {
        try
        {
            await services.Claims.ReleaseAsync(held, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Could not release the claim on {DedupeKey}; a later delivery takes it over", held.Key);
        }
    }
}
