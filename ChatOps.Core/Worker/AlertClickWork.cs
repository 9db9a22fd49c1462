using ChatOps.Core.Alerts;
using ChatOps.Core.Commands;
using ChatOps.Core.Envelopes;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Worker;

/// <summary>A click on an alert message (Silence, Unsilence, I'm on it, Show traces): answered to the clicker, audited with what it did.</summary>
public sealed class AlertClickWork(CommandDispatcher dispatcher, ReplySender replies, WorkerServices services, WorkerAnswers answers,
    AlertClickHandler alertClicks, ILogger<AlertClickWork> log) : IQueuedWork
{
    public EnvelopeKind Kind => EnvelopeKind.AlertClick;
    public bool Audited => true;
    public bool IsComplete(CommandEnvelope envelope) => envelope.Click is not null;
    public string ClaimKey(CommandEnvelope envelope) => envelope.DedupeKey;
    public Task<WorkerResult> RepeatAsync(QueuedItem item, DeliveryRecord? earlier, CancellationToken ct) => answers.RepeatAsync(item, earlier, ct);

    public async Task<WorkerResult> RunAsync(QueuedItem item, CancellationToken ct)
    {
        if (await answers.RefuseOverLimitsAsync(item, ct).ConfigureAwait(false) is { } refused) return refused;
        // Alerts are not routed per environment: they belong to the default one. It is named on the context (so the
        // Silence prompt's signed request can be confirmed, and Unsilence and Show traces ask its Ops service by name)
        // and on the envelope, so every reply and the prompt in the thread are marked with it.
        var environment = dispatcher.Environments?.Default;
        var envelope = environment is null ? item.Envelope : item.Envelope with { Environment = environment.Name };
        var (audit, click) = (item.Audit, envelope.Click!);
        // The gate: a Silence pick asks for confirmation like a typed `silence`.
        var context = new CommandContext(envelope.Id, envelope.UserId, envelope.ChannelId, envelope.TeamId, dispatcher.Registry)
        {
            Access = services.Access,
            Confirmations = services.Gate,
            Environment = environment,
        };
        audit.Context = context;
        var result = await alertClicks.HandleAsync(envelope, click, context, ct).ConfigureAwait(false);
        audit.Decision = result.Decision;
        audit.Named = (result.Command, result.Arguments);
        // The prompt first, in the alert's thread for everyone; a retry of the click may post it again, but both carry
        // the same signed request (keyed by this click), so only one Confirm ever runs.
        if (result is { ThreadReply: { } thread, ThreadTs: { } threadTs })
            await replies.SendAsync(envelope with { Source = EnvelopeSource.Mention, ResponseUrl = null, ThreadTs = threadTs }, thread, ct).ConfigureAwait(false);
        var delivered = await replies.SendAsync(envelope, result.Reply, ct).ConfigureAwait(false);
        audit.Write(delivered ? result.Outcome : "undeliverable");
        log.LogInformation("Alert click {CommandId} on {Action}: {Decision}, delivered {Delivered}", envelope.Id, click.ActionId, result.Decision, delivered);
        return new WorkerResult(delivered ? WorkerOutcome.Answered : WorkerOutcome.Undeliverable, answers.Record(envelope, result.Decision, envelope.UserId));
    }
}
