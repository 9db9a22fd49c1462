using ChatOps.Core.Commands;
using ChatOps.Core.Envelopes;
using ChatOps.Core.Environments;
using ChatOps.Core.Failures;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Worker;

/// <summary>A typed command: parsed, run and answered through the registry. A user mistake is an answer like any
/// other; an infrastructure failure escapes so the queue tries again, and the last attempt answers with the cause.</summary>
public sealed class CommandWork(CommandDispatcher dispatcher, ReplySender replies, WorkerServices services, WorkerAnswers answers,
    ProfileCollector profiles, ILogger<CommandWork> log) : IQueuedWork
{
    public EnvelopeKind Kind => EnvelopeKind.Command;
    public bool Audited => true;
    public bool IsComplete(CommandEnvelope envelope) => true;
    public string ClaimKey(CommandEnvelope envelope) => envelope.DedupeKey;
    public Task<WorkerResult> RepeatAsync(QueuedItem item, DeliveryRecord? earlier, CancellationToken ct) => answers.RepeatAsync(item, earlier, ct);

    public async Task<WorkerResult> RunAsync(QueuedItem item, CancellationToken ct)
    {
        if (await answers.RefuseOverLimitsAsync(item, ct).ConfigureAwait(false) is { } refused) return refused;
        var (envelope, audit) = (item.Envelope, item.Audit);
        // Chosen when Slack's request was acknowledged when the envelope says so; the reply is marked for it.
        var choice = dispatcher.Environments is { } catalog ? EnvironmentChoice.For(catalog, envelope.Text, envelope.ChannelId, envelope.Environment) : null;
        var answered = choice?.Environment is { } chosen ? envelope with { Environment = chosen.Name } : envelope;
        var context = new CommandContext(envelope.Id, envelope.UserId, envelope.ChannelId, envelope.TeamId, dispatcher.Registry)
        {
            Access = services.Access,
            Confirmations = services.Gate,
            Environment = choice?.Environment,
        };
        audit.Context = context;
        CommandOutcome outcome;
        try
        {
            outcome = choice?.Mistake is { } mistake ? CommandOutcome.Mistake(mistake) : await dispatcher.RunAsync(envelope.Text, context, ct).ConfigureAwait(false);
        }
        catch (ServiceFailureException failure) when (failure.Handling == FailureHandling.Retry && item.DequeueCount >= services.Options.MaxDequeueCount)
        {
            // The last attempt: the poison notice could only say "failed"; this says why.
            log.LogError(failure, "Command {CommandId} failed on its last attempt ({DequeueCount}); answering with the cause",
                envelope.Id, item.DequeueCount);
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
        // A profile's notice has its own claim: the command may run again after it was posted (the Ops service then
        // answers the same profile), and the notice must not be said twice.
        string? postedTs = null;
        var delivered = outcome.CollectProfile is not null
            ? await profiles.NoticeOnceAsync(answered, outcome.Reply, item.MessageId, ct).ConfigureAwait(false)
            : await replies.SendAsync(answered, outcome.Reply, ct, posted: ts => postedTs = ts).ConfigureAwait(false);
        // After the reply, under the same claim: a redelivered command is answered from its record, so nothing is uploaded twice.
        if (delivered && outcome.ThreadFile is { } file)
            await replies.AttachAsync(answered, answered.ThreadTs ?? postedTs, file, ct).ConfigureAwait(false);
        // The reply said the profile is being taken; its collection is queued only once that was said.
        if (delivered && outcome.CollectProfile is { } profile) await profiles.StartAsync(answered, profile, ct).ConfigureAwait(false);
        audit.Decision = decision;
        audit.Write(delivered ? outcome.AuditOutcome ?? WorkerAnswers.OutcomeName(outcome.Kind) : "undeliverable");
        log.LogInformation("Answered {CommandId}: {Outcome}, delivered {Delivered}", envelope.Id, outcome.Kind, delivered);
        return new WorkerResult(delivered ? WorkerOutcome.Answered : WorkerOutcome.Undeliverable, answers.Record(envelope, decision, envelope.UserId));
    }
}
