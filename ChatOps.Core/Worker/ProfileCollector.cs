using ChatOps.Core.Commands.Profiles;
using ChatOps.Core.Delivery;
using ChatOps.Core.Envelopes;
using ChatOps.Core.Failures;
using ChatOps.Core.Graphs;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Options;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Worker;

/// <summary>
/// Collects a profile its command started, without anything waiting for it: the first look is queued for when the
/// profile should be in, each look asks the Ops service and, while it is still being taken, queues the next one.
/// Each look is claimed by its round (a redelivered look never forks the chain) and the post in the thread has its
/// own claim, so the flame graph, the table and the raw profile are posted once.
/// </summary>
public sealed class ProfileCollector(
    IOpsClient ops, IGraphRenderer renderer, ReplySender replies, IFollowUps followUps, IDeliveryClaims claims,
    WorkerOptions options, TimeProvider clock, ILogger<ProfileCollector> log) : IQueuedWork
{
    /// <summary>How often to look again once the profile should have been in (fetching and reading it take a moment).</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    // A minute of looks past the time it should have been in; the Ops service gives up on a target long before.
    private const int MaxRounds = 30;

    private const int QueueAttempts = 3;

    /// <summary>Posts the "Taking…" notice of a profile command once: a command run again (its first delivery died after
    /// posting, before its outcome was recorded) gets the same profile back from the Ops service, and must not say so
    /// twice. True when the notice is (or already was) in the channel.</summary>
    public async Task<bool> NoticeOnceAsync(CommandEnvelope command, Replies.ChatReply notice, string messageId, CancellationToken ct = default)
    {
        var key = $"{command.DedupeKey}.profilenotice";
        var claim = await claims.TryClaimAsync(key, messageId, ct).ConfigureAwait(false);
        if (claim is not ClaimResult.Claimed { Claim: var held })
        {
            // Posted already, or being posted by the delivery that holds the claim: either way it is not posted here.
            log.LogInformation("The profile notice of {CommandId} was posted already; not again", command.Id);
            return true;
        }
        bool delivered;
        try
        {
            delivered = await replies.SendAsync(command, notice, ct).ConfigureAwait(false);
        }
        catch (Exception)
        {
            await claims.ReleaseAsync(held, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        if (delivered)
            await claims.FinishAsync(held, new DeliveryRecord(key, command.Id, "profile_notice", command.UserId, clock.GetUtcNow()), CancellationToken.None)
                .ConfigureAwait(false);
        else await claims.ReleaseAsync(held, CancellationToken.None).ConfigureAwait(false);
        return delivered;
    }

    /// <summary>Queues the first look, for when the profile should be in, trying a few times. The reply already said the
    /// profile follows in the thread and the command is not run again for it, so a failure says so in the thread.</summary>
    public async Task StartAsync(CommandEnvelope command, ProfileInfo profile, CancellationToken ct = default)
    {
        var wait = profile.ReadyAt - clock.GetUtcNow() + TimeSpan.FromSeconds(1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await followUps.QueueAsync(Next(command, new ProfileCollect(profile.Id, 1)), wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait, ct)
                    .ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < QueueAttempts)
            {
                log.LogWarning("Queueing the collection of profile {ProfileId} ({CommandId}) failed ({Error}); trying again", profile.Id, command.Id, ex.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), clock, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Could not queue the collection of profile {ProfileId} ({CommandId}); it will not be posted", profile.Id, command.Id);
                await replies.SendAsync(command, ProfileReplies.NotCollected(profile), ct).ConfigureAwait(false);
                return;
            }
        }
    }

    public EnvelopeKind Kind => EnvelopeKind.ProfileCollect;
    public bool Audited => false;
    public bool IsComplete(CommandEnvelope envelope) => envelope.Profile is not null;
    public string ClaimKey(CommandEnvelope envelope) => $"{envelope.DedupeKey}.profile{envelope.Profile!.Round}";

    public Task<WorkerResult> RepeatAsync(QueuedItem item, DeliveryRecord? earlier, CancellationToken ct) =>
        Task.FromResult(new WorkerResult(WorkerOutcome.Duplicate, null));

    public async Task<WorkerResult> RunAsync(QueuedItem item, CancellationToken ct)
    {
        var (envelope, collect) = (item.Envelope, item.Envelope.Profile!);
        var caller = new OpsCaller(envelope.UserId, envelope.ChannelId, "profile") { Environment = envelope.Environment };
        ProfileInfo profile;
        try
        {
            profile = await ops.CollectProfileAsync(collect.ProfileId, caller, ct).ConfigureAwait(false);
        }
        catch (OpsException ex) when (ex.Code == Grpc.Core.StatusCode.NotFound)
        {
            var (service, kind) = ServiceAndKind(envelope.Text);
            return await FinishAsync(envelope, item.MessageId, ProfileReplies.Gone(service, kind), ct).ConfigureAwait(false);
        }
        catch (ServiceFailureException ex) when (TransientFailure.Is(ex))
        {
            return await MissAsync(envelope, collect, ex, item.MessageId, ct).ConfigureAwait(false);
        }
        if (!profile.Done && collect.Round - collect.Misses < MaxRounds)
        {
            await followUps.QueueAsync(Next(envelope, collect with { Round = collect.Round + 1 }), Poll, ct).ConfigureAwait(false);
            log.LogInformation("Profile {ProfileId} not in yet (look {Round})", profile.Id, collect.Round);
            return new WorkerResult(WorkerOutcome.Answered, Record(envelope, "profile_pending"));
        }
        var reply = profile switch
        {
            { Done: false } => ProfileReplies.Failed(profile with { Failure = "it did not come in within a minute of the time it was due" }),
            { Failure: not null } => ProfileReplies.Failed(profile),
            _ => ProfileReplies.Finished(profile, await renderer.DrawFlameGraphAsync(ProfileReplies.Flame(profile), ct).ConfigureAwait(false)),
        };
        var posted = await FinishAsync(envelope, item.MessageId, reply, ct).ConfigureAwait(false);
        if (profile is not { Done: true, Failure: null } || profile.Top.Count == 0) return posted;
        // The table is a message of its own, with its own claim: a look delivered again after the files went out
        // posts only what is missing.
        var table = await FinishAsync(envelope, item.MessageId, ProfileReplies.TopFunctions(profile), ct, "profiletable").ConfigureAwait(false);
        return posted.Outcome == WorkerOutcome.Duplicate ? table : posted;
    }

    /// <summary>The Ops service did not answer this look: look again later, waiting longer each time, for as long as it
    /// keeps the profile; then say plainly in the thread that it was lost.</summary>
    private async Task<WorkerResult> MissAsync(CommandEnvelope envelope, ProfileCollect collect, ServiceFailureException ex, string messageId,
        CancellationToken ct)
    {
        if (clock.GetUtcNow() >= envelope.ReceivedAt + options.ProfileCollectFor)
        {
            log.LogError("Lost profile {ProfileId}: the Ops service did not answer since look {Round} ({Error})",
                collect.ProfileId, collect.Round, ex.UserMessage);
            var (service, kind) = ServiceAndKind(envelope.Text);
            return await FinishAsync(envelope, messageId, ProfileReplies.Lost(service, kind, ex.UserMessage), ct).ConfigureAwait(false);
        }
        var misses = collect.Misses + 1;
        var wait = OpsOutage.Backoff(Poll, misses - 1);
        log.LogWarning("Profile {ProfileId}: the Ops service did not answer look {Round} ({Error}); looking again in {WaitSeconds} s",
            collect.ProfileId, collect.Round, ex.UserMessage, (int)Math.Ceiling(wait.TotalSeconds));
        await followUps.QueueAsync(Next(envelope, collect with { Round = collect.Round + 1, Misses = misses }), wait, ct).ConfigureAwait(false);
        return new WorkerResult(WorkerOutcome.Undeliverable, Record(envelope, "profile_pending"));
    }

    private async Task<WorkerResult> FinishAsync(CommandEnvelope envelope, string messageId, Replies.ChatReply reply, CancellationToken ct,
        string part = "profiled")
    {
        var key = $"{envelope.DedupeKey}.{part}";
        if (await claims.TryClaimAsync(key, messageId, ct).ConfigureAwait(false) is not ClaimResult.Claimed { Claim: var held })
            return new WorkerResult(WorkerOutcome.Duplicate, Record(envelope, "profile_posted"));
        bool delivered;
        try
        {
            delivered = await replies.SendAsync(envelope, reply, ct).ConfigureAwait(false);
        }
        catch (Exception)
        {
            await claims.ReleaseAsync(held, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        await claims.FinishAsync(held, Record(envelope, "profile_posted") with { Key = key }, CancellationToken.None).ConfigureAwait(false);
        log.LogInformation("Profile for {CommandId} posted: delivered {Delivered}", envelope.Id, delivered);
        return new WorkerResult(delivered ? WorkerOutcome.Answered : WorkerOutcome.Undeliverable, Record(envelope, "profile_posted"));
    }

    private DeliveryRecord Record(CommandEnvelope envelope, string outcome) =>
        new(ClaimKey(envelope), envelope.Id, outcome, envelope.UserId, clock.GetUtcNow());

    /// <summary>For the "gone" answer, which has no profile to name them: what the command asked for.</summary>
    private static (string Service, string Kind) ServiceAndKind(string text)
    {
        var words = Commands.CommandText.Words(text);
        return (words.Count > 1 ? words[1] : "?", words.Count > 2 ? words[2] : "cpu");
    }

    /// <summary>The next look: the same conversation and thread; the command itself never runs again.</summary>
    private static CommandEnvelope Next(CommandEnvelope envelope, ProfileCollect collect) => envelope with
    {
        Kind = EnvelopeKind.ProfileCollect,
        Profile = collect,
        Deferred = null,
        Follow = null,
        RetryNum = 0,
    };
}
