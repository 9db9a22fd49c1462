using ChatOps.Core.Commands;
using ChatOps.Core.Envelopes;
using ChatOps.Core.Failures;
using ChatOps.Core.Options;
using ChatOps.Core.Slack;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Worker;

/// <summary>
/// Runs one queued command and answers it. A user mistake is an answer like any other; an
/// infrastructure failure escapes as an exception so the queue tries again and, in the end,
/// the poison handler tells the user.
/// </summary>
public sealed class CommandWorker(
    CommandDispatcher dispatcher, ISlackClient slack, ReplySender replies, WorkerOptions options, Access.AccessPolicy access, ILogger<CommandWorker> log)
{
    public async Task<WorkerOutcome> RunAsync(CommandEnvelope envelope, int dequeueCount, CancellationToken ct = default)
    {
        var me = await slack.WhoAmIAsync(ct).ConfigureAwait(false);
        if (envelope.UserId == me.UserId)
        {
            log.LogInformation("Command {CommandId} came from the bot itself; not answered", envelope.Id);
            return WorkerOutcome.Ignored;
        }

        log.LogInformation("Running {CommandId} for {User} in {Channel} (attempt {DequeueCount}, Slack retry {RetryNum})",
            envelope.Id, envelope.UserId, envelope.ChannelId, dequeueCount, envelope.RetryNum);
        var context = new CommandContext(envelope.Id, envelope.UserId, envelope.ChannelId, envelope.TeamId, dispatcher.Registry) { Access = access };
        CommandOutcome outcome;
        try
        {
            outcome = await dispatcher.RunAsync(envelope.Text, context, ct).ConfigureAwait(false);
        }
        catch (ServiceFailureException failure) when (failure.Handling == FailureHandling.Retry && dequeueCount >= options.MaxDequeueCount)
        {
            // The last attempt: the poison notice could only say "failed"; this says why.
            log.LogError(failure, "Command {CommandId} failed on its last attempt ({DequeueCount}); answering with the cause",
                envelope.Id, dequeueCount);
            outcome = CommandOutcome.Failed(FailureReply.For(failure, envelope.Id));
        }

        if (outcome.Kind == OutcomeKind.Refused)
            log.LogWarning("Refused {CommandId}: {User} in {Channel} may not run {Text}", envelope.Id, envelope.UserId, envelope.ChannelId,
                envelope.Text.Length > 100 ? envelope.Text[..100] : envelope.Text);
        var delivered = await replies.SendAsync(envelope, outcome.Reply, ct).ConfigureAwait(false);
        log.LogInformation("Answered {CommandId}: {Outcome}, delivered {Delivered}",
            envelope.Id, outcome.Kind, delivered);
        return delivered ? WorkerOutcome.Answered : WorkerOutcome.Undeliverable;
    }
}

public enum WorkerOutcome
{
    Answered,
    Ignored,
    Undeliverable,
}
