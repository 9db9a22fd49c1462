using ChatOps.Core.Commands;
using ChatOps.Core.Envelopes;
using ChatOps.Core.Slack;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Worker;

/// <summary>
/// Runs one queued command and answers it. A user mistake is an answer like any other; an
/// infrastructure failure escapes as an exception so the queue tries again and, in the end,
/// the poison handler tells the user.
/// </summary>
public sealed class CommandWorker(CommandDispatcher dispatcher, ISlackClient slack, ReplySender replies, ILogger<CommandWorker> log)
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
        var context = new CommandContext(envelope.Id, envelope.UserId, envelope.ChannelId, envelope.TeamId, dispatcher.Registry);
        var outcome = await dispatcher.RunAsync(envelope.Text, context, ct).ConfigureAwait(false);

        var delivered = await replies.SendAsync(envelope, outcome.Reply, ct).ConfigureAwait(false);
        log.LogInformation("Answered {CommandId}: {Outcome}, delivered {Delivered}",
            envelope.Id, outcome.IsUserMistake ? "user mistake" : "success", delivered);
        return delivered ? WorkerOutcome.Answered : WorkerOutcome.Undeliverable;
    }
}

public enum WorkerOutcome
{
    Answered,
    Ignored,
    Undeliverable,
}
