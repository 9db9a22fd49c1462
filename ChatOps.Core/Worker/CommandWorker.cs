using ChatOps.Core.Audit;
using ChatOps.Core.Commands;
using ChatOps.Core.Confirmations;
using ChatOps.Core.Delivery;
using ChatOps.Core.Envelopes;
using ChatOps.Core.Failures;
using ChatOps.Core.Limits;
using ChatOps.Core.Options;
using ChatOps.Core.Replies;
using ChatOps.Core.Slack;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Worker;

/// <summary>
/// Runs one queued command (or click) and answers it, at most once per dedupe key. A user mistake is an
/// answer like any other; an infrastructure failure escapes as an exception so the queue tries again
/// and, in the end, the poison handler tells the user. Every attempt leaves one audit record.
/// </summary>
public sealed class CommandWorker(
    CommandDispatcher dispatcher,
    ISlackClient slack,
    ReplySender replies,
    WorkerServices services,
    ILogger<CommandWorker> log,
    Alerts.AlertPoster alerts,
    Alerts.AlertClickHandler alertClicks,
    DeploymentFollower follower)
{
    /// <param name="messageId">The queue message carrying the envelope: the claim on the dedupe key is held
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

        if (envelope.Follow is { } follow) return await follower.RunAsync(envelope, follow, messageId, ct).ConfigureAwait(false);
        if (envelope.Deferred is { } deferred) return await DeferredAsync(envelope, deferred, messageId, ct).ConfigureAwait(false);

        var audit = new AuditDraft(envelope, dequeueCount, services, dispatcher, started);
        var claim = await services.Claims.TryClaimAsync(envelope.DedupeKey, messageId, ct).ConfigureAwait(false);
        switch (claim)
        {
            case ClaimResult.Finished finished:
                return await DuplicateAsync(envelope, finished.Record, audit, ct).ConfigureAwait(false);
            case ClaimResult.Busy:
                // A click while another click on the same request is still running: its answer depends on how
                // that one ends (a refused click leaves the request open), so let the queue bring it back.
                // A wait, not a failure: it goes back on the queue with a delay, so it is never poisoned for it.
                if (envelope.Click is not null)
                {
                    audit.Decision = "duplicate";
                    audit.Write("retry");
                    await services.Deferrals.RequeueAsync(envelope, BusyClickDelay, ct).ConfigureAwait(false);
                    return new WorkerResult(WorkerOutcome.Duplicate, null);
                }
                // Another delivery of the same message is running it now; it answers. Should it die, its own queue
                // message comes back and takes its claim over.
                return await DuplicateAsync(envelope, null, audit, ct).ConfigureAwait(false);
        }

        var held = ((ClaimResult.Claimed)claim).Claim;
        WorkerOutcome ran;
        DeliveryRecord? done;
        try
        {
            (ran, done) = await RunClaimedAsync(envelope, dequeueCount, audit, ct).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await ReleaseQuietlyAsync(held).ConfigureAwait(false);
            audit.Write(ex is OperationCanceledException ? "none" : "retry");
            throw;
        }
        // The command ran and was answered: from here on nothing may make the queue run it again.
        if (done is not null) await FinishQuietlyAsync(held, done).ConfigureAwait(false);
        else await ReleaseQuietlyAsync(held).ConfigureAwait(false);
        return new WorkerResult(ran, done);
    }

    /// <summary>How long a notification waits for its group's first post, still in flight on another delivery.</summary>
    private static readonly TimeSpan AlertPendingDelay = TimeSpan.FromSeconds(3);

    /// <summary>How long a click waits for another click on the same request to settle before it is looked at again.</summary>
    private static readonly TimeSpan BusyClickDelay = TimeSpan.FromSeconds(5);

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

    /// <summary>A reply Slack rate-limited earlier: post the kept reply, once, and run nothing. Its own claim key,
    /// since the command's key already holds the command's outcome.</summary>
    private async Task<WorkerResult> DeferredAsync(CommandEnvelope envelope, DeferredReply deferred, string messageId, CancellationToken ct)
    {
        // Keyed by the kept reply itself: several replies under one dedupe key (clicks on one prompt) may wait at once.
        var key = $"{envelope.DedupeKey}.{deferred.Id}";
        if (await services.Claims.TryClaimAsync(key, messageId, ct).ConfigureAwait(false) is not ClaimResult.Claimed { Claim: var held })
            return new WorkerResult(WorkerOutcome.Duplicate, null);
        bool delivered;
        try
        {
            var kept = await services.Deferrals.LoadAsync(deferred, ct).ConfigureAwait(false);
            delivered = kept is { } k && await replies.SendAsync(envelope, k.Reply, CancellationToken.None, k.ReplaceOriginal).ConfigureAwait(false);
            if (kept is null) log.LogError("The kept reply {ReplyId} to {CommandId} is gone; nothing to post", deferred.Id, envelope.Id);
            else log.LogInformation("Deferred reply to {CommandId} (round {Round}): delivered {Delivered}", envelope.Id, deferred.Round, delivered);
        }
        catch (Exception)
        {
            await ReleaseQuietlyAsync(held).ConfigureAwait(false);
            throw;
        }
        await services.Deferrals.RemoveAsync(deferred, CancellationToken.None).ConfigureAwait(false);
        var record = new DeliveryRecord(key, envelope.Id, "deferred_reply", envelope.UserId, services.Clock.GetUtcNow());
        await FinishQuietlyAsync(held, record).ConfigureAwait(false);
        return new WorkerResult(delivered ? WorkerOutcome.Answered : WorkerOutcome.Undeliverable, record);
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

    private async Task<(WorkerOutcome, DeliveryRecord?)> RunClaimedAsync(CommandEnvelope envelope, int dequeueCount, AuditDraft audit, CancellationToken ct)
    {
        log.LogInformation("Running {CommandId} for {User} in {Channel} (attempt {DequeueCount}, Slack retry {RetryNum})",
            envelope.Id, envelope.UserId, envelope.ChannelId, dequeueCount, envelope.RetryNum);

        // A notification is no person's command: no per-user limit applies, and there is nobody to answer but the channel.
        if (envelope.Alert is { } alert)
        {
            string done;
            try
            {
                done = await alerts.DeliverAsync(envelope, alert, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SlackApiException { RetryAfter: not null } or Alerts.AlertMessagePendingException)
            {
                // Waits, not failures: Slack's Retry-After, or the group's first post still in flight elsewhere. The
                // notification comes back after the wait and posts or updates then (its reservation has its dedupe key).
                var wait = ex is SlackApiException { RetryAfter: { } slackWait } ? slackWait : AlertPendingDelay;
                log.LogWarning("Alert notification {CommandId} waits {WaitSeconds} s ({Why})", envelope.Id, (int)Math.Ceiling(wait.TotalSeconds),
                    ex is SlackApiException ? "Slack rate limit" : "its group's first post is in flight");
                await services.Deferrals.RequeueAsync(envelope, wait, ct).ConfigureAwait(false);
                audit.Write("deferred");
                return (WorkerOutcome.Undeliverable, null);
            }
            audit.Write(done);
            return (WorkerOutcome.Answered, Record(envelope, done, envelope.UserId));
        }

        var limits = services.Limits;
        if (envelope.TextLength is { } length && length > limits.MaxCommandLength)
            return await RefuseAsync(envelope, audit, "too_long", ChatReply.Plain(LimitReplies.TooLong(length, limits.MaxCommandLength)), ct).ConfigureAwait(false);
        // Only a first delivery counts: a redelivery after a failure is the same command, not another one.
        if (dequeueCount == 1 && !services.RateLimiter.TryAcquire(envelope.UserId, out var retryAfter))
            return await RefuseAsync(envelope, audit, "rate_limited", ChatReply.Plain(
                $":no_entry: You have run {limits.CommandsPerMinute} commands in the last minute, the most allowed. " +
                $"Try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s. Nothing was run."), ct).ConfigureAwait(false);

        if (envelope.Click is { } alertClick && Alerts.AlertActions.IsOurs(alertClick.ActionId))
            return await RunAlertClickAsync(envelope, alertClick, audit, ct).ConfigureAwait(false);
        return envelope.Click is { } click
            ? await RunClickAsync(envelope, click, dequeueCount, audit, ct).ConfigureAwait(false)
            : await RunCommandAsync(envelope, dequeueCount, audit, ct).ConfigureAwait(false);
    }

    private async Task<(WorkerOutcome, DeliveryRecord?)> RunCommandAsync(CommandEnvelope envelope, int dequeueCount, AuditDraft audit, CancellationToken ct)
    {
        var context = new CommandContext(envelope.Id, envelope.UserId, envelope.ChannelId, envelope.TeamId, dispatcher.Registry)
        {
            Access = services.Access,
            Confirmations = services.Gate,
        };
        audit.Context = context;
        CommandOutcome outcome;
        try
        {
            outcome = await dispatcher.RunAsync(envelope.Text, context, ct).ConfigureAwait(false);
        }
        catch (ServiceFailureException failure) when (failure.Handling == FailureHandling.Retry && dequeueCount >= services.Options.MaxDequeueCount)
        {
            // The last attempt: the poison notice could only say "failed"; this says why.
            log.LogError(failure, "Command {CommandId} failed on its last attempt ({DequeueCount}); answering with the cause",
                envelope.Id, dequeueCount);
            outcome = CommandOutcome.Failed(FailureReply.For(failure, envelope.Id));
        }

        var decision = outcome.Kind switch
        {
            OutcomeKind.Refused => "refused",
            OutcomeKind.AwaitingConfirmation => "confirmation_requested",
            _ => "allowed",
        };
        if (outcome.Kind == OutcomeKind.Refused)
            log.LogWarning("Refused {CommandId}: {User} in {Channel} may not run it", envelope.Id, envelope.UserId, envelope.ChannelId);
        var delivered = await replies.SendAsync(envelope, outcome.Reply, ct).ConfigureAwait(false);
        audit.Decision = decision;
        audit.Write(delivered ? outcome.AuditOutcome ?? OutcomeName(outcome.Kind) : "undeliverable");
        log.LogInformation("Answered {CommandId}: {Outcome}, delivered {Delivered}", envelope.Id, outcome.Kind, delivered);
        return (delivered ? WorkerOutcome.Answered : WorkerOutcome.Undeliverable, Record(envelope, decision, envelope.UserId));
    }

    private async Task<(WorkerOutcome, DeliveryRecord?)> RunClickAsync(
        CommandEnvelope envelope, ButtonClick click, int dequeueCount, AuditDraft audit, CancellationToken ct)
    {
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
        catch (ServiceFailureException failure) when (failure.Handling == FailureHandling.Retry && dequeueCount >= services.Options.MaxDequeueCount)
        {
            // Confirmed, but the change could not be made on any attempt: say so to the clicker and leave
            // the prompt, so the change can be confirmed again once the Ops service is back.
            log.LogError(failure, "Confirmed change {CommandId} failed on its last attempt ({DequeueCount})", envelope.Id, dequeueCount);
            result = ClickResult.Notice(FailureReply.For(failure, envelope.Id), "confirmed", null) with { Outcome = OutcomeKind.Failed };
        }

        audit.Decision = result.Decision;
        audit.Change = result.Change ?? audit.Change;
        bool delivered;
        try
        {
            // Settled (for a Confirm, already run): a shutdown must not cut the answer off half way either.
            delivered = await replies.SendAsync(envelope, result.Reply, result.ReplaceOriginal ? CancellationToken.None : ct,
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
        if (result.FollowDeploymentId is { } deploymentId) await follower.StartAsync(envelope, deploymentId, ct).ConfigureAwait(false);
        var outcome = result.Outcome is { } kind ? OutcomeName(kind) : result.ReplaceOriginal ? "none" : "refused";
        audit.Write(delivered ? outcome : "undeliverable");
        log.LogInformation("Click {CommandId} on {Action}: {Decision}, delivered {Delivered}", envelope.Id, click.ActionId, result.Decision, delivered);
        // Only a settled request is remembered: a refused click must leave the prompt usable for someone who may.
        var record = result.ReplaceOriginal ? Record(envelope, result.Decision, envelope.UserId) : null;
        return (delivered ? WorkerOutcome.Answered : WorkerOutcome.Undeliverable, record);
    }

    /// <summary>Silence or Show traces on an alert message: answered to the clicker, audited with what it did.</summary>
    private async Task<(WorkerOutcome, DeliveryRecord?)> RunAlertClickAsync(CommandEnvelope envelope, ButtonClick click, AuditDraft audit, CancellationToken ct)
    {
        var context = new CommandContext(envelope.Id, envelope.UserId, envelope.ChannelId, envelope.TeamId, dispatcher.Registry) { Access = services.Access };
        audit.Context = context;
        var result = await alertClicks.HandleAsync(envelope, click, context, ct).ConfigureAwait(false);
        audit.Decision = result.Decision;
        audit.Named = (result.Command, result.Arguments);
        var delivered = await replies.SendAsync(envelope, result.Reply, ct).ConfigureAwait(false);
        audit.Write(delivered ? result.Outcome : "undeliverable");
        log.LogInformation("Alert click {CommandId} on {Action}: {Decision}, delivered {Delivered}", envelope.Id, click.ActionId, result.Decision, delivered);
        return (delivered ? WorkerOutcome.Answered : WorkerOutcome.Undeliverable, Record(envelope, result.Decision, envelope.UserId));
    }

    private async Task<(WorkerOutcome, DeliveryRecord?)> RefuseAsync(
        CommandEnvelope envelope, AuditDraft audit, string decision, ChatReply reply, CancellationToken ct)
    {
        if (envelope.Click is { } click) audit.Change = services.Clicks.Verify(click);
        log.LogWarning("Refused {CommandId} from {User}: {Decision}", envelope.Id, envelope.UserId, decision);
        var delivered = await replies.SendAsync(envelope, reply, ct).ConfigureAwait(false);
        audit.Decision = decision;
        audit.Write(delivered ? "refused" : "undeliverable");
        // A refused click stays retryable (the user may click again later); a refused message is answered.
        return (delivered ? WorkerOutcome.Answered : WorkerOutcome.Undeliverable,
            envelope.Click is null ? Record(envelope, decision, envelope.UserId) : null);
    }

    /// <summary>A repeat of something already answered: a message runs nothing and says nothing (its answer is
    /// already there); a click is a person waiting for a reaction, so they are told what became of the request.</summary>
    private async Task<WorkerResult> DuplicateAsync(CommandEnvelope envelope, DeliveryRecord? earlier, AuditDraft audit, CancellationToken ct)
    {
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

    private DeliveryRecord Record(CommandEnvelope envelope, string decision, string user) =>
        new(envelope.DedupeKey, envelope.Id, decision, user, services.Clock.GetUtcNow());

    private static string OutcomeName(OutcomeKind kind) => kind switch
    {
        OutcomeKind.Success => "success",
        OutcomeKind.UserMistake => "user_mistake",
        OutcomeKind.Failed => "failed",
        OutcomeKind.Refused => "refused",
        OutcomeKind.AwaitingConfirmation => "pending",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
