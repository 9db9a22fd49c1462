using ChatOps.Core.Alerts;
using ChatOps.Core.Envelopes;
using ChatOps.Core.Failures;
using ChatOps.Core.Slack;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Worker;

/// <summary>An Alertmanager notification: posted or updated in its route's channel. No person's command: no
/// per-user limit applies, and there is nobody to answer but the channel.</summary>
public sealed class AlertNotificationWork(AlertPoster alerts, WorkerServices services, WorkerAnswers answers,
    ILogger<AlertNotificationWork> log) : IQueuedWork
{
    /// <summary>How long a notification waits for its group's first post, still in flight on another delivery.</summary>
    private static readonly TimeSpan AlertPendingDelay = TimeSpan.FromSeconds(3);

    /// <summary>How long after it was received a notification is tried again through a transient failure; after
    /// that the failure is let through (and the channel told).</summary>
    private static readonly TimeSpan RetryFor = TimeSpan.FromMinutes(30);

    private static readonly TimeSpan MinBackoff = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    public EnvelopeKind Kind => EnvelopeKind.AlertNotification;
    public bool Audited => true;
    public bool IsComplete(CommandEnvelope envelope) => envelope.Alert is not null;
    public string ClaimKey(CommandEnvelope envelope) => envelope.DedupeKey;
    /// <summary>An identical notification already shown (Alertmanager repeats a firing group every repeat_interval): posts
    /// nothing, but keeps the group's record alive while it fires.</summary>
    public async Task<WorkerResult> RepeatAsync(QueuedItem item, DeliveryRecord? earlier, CancellationToken ct)
    {
        if (earlier is not null) await alerts.TouchAsync(item.Envelope.Alert!, ct).ConfigureAwait(false);
        return await answers.RepeatAsync(item, earlier, ct).ConfigureAwait(false);
    }

    public async Task<WorkerResult> RunAsync(QueuedItem item, CancellationToken ct)
    {
        var (envelope, audit, alert) = (item.Envelope, item.Audit, item.Envelope.Alert!);
        string done;
        try
        {
            done = await alerts.DeliverAsync(envelope, alert, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SlackApiException { RetryAfter: not null } or AlertMessagePendingException)
        {
            // Waits, not failures: Slack's Retry-After, or the group's first post still in flight elsewhere. The
            // notification comes back after the wait and posts or updates then (its reservation has its dedupe key).
            var wait = ex is SlackApiException { RetryAfter: { } slackWait } ? slackWait : AlertPendingDelay;
            log.LogWarning("Alert notification {CommandId} waits {WaitSeconds} s ({Why})", envelope.Id, (int)Math.Ceiling(wait.TotalSeconds),
                ex is SlackApiException ? "Slack rate limit" : "its group's first post is in flight");
            await services.Deferrals.RequeueAsync(envelope, wait, ct).ConfigureAwait(false);
            audit.Write("deferred");
            return new WorkerResult(WorkerOutcome.Undeliverable, null);
        }
        catch (Exception ex) when (TransientFailure.Is(ex) && services.Clock.GetUtcNow() < envelope.ReceivedAt + RetryFor)
        {
            // Slack or storage in a blip: the host's quick retries would all fall inside it and poison a notification
            // Alertmanager will not send again (a resolve never shown). Wait longer each time, as long as it has waited.
            var waited = services.Clock.GetUtcNow() - envelope.ReceivedAt;
            var wait = TimeSpan.FromTicks(Math.Clamp(waited.Ticks, MinBackoff.Ticks, MaxBackoff.Ticks));
            log.LogWarning("Alert notification {CommandId} failed ({Error}); trying again in {WaitSeconds} s", envelope.Id,
                ex is SlackApiException slackError ? slackError.Error : ex.Message, (int)Math.Ceiling(wait.TotalSeconds));
            await services.Deferrals.RequeueAsync(envelope, wait, ct).ConfigureAwait(false);
            audit.Write("deferred");
            return new WorkerResult(WorkerOutcome.Undeliverable, null);
        }
        audit.Write(done);
        return new WorkerResult(WorkerOutcome.Answered, answers.Record(envelope, done, envelope.UserId));
    }
}
