using ChatOps.Core.Alerts;
using ChatOps.Core.Commands;
using ChatOps.Core.Envelopes;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Worker;

/// <summary>Silence or Show traces on an alert message: answered to the clicker, audited with what it did.</summary>
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
        var (envelope, audit, click) = (item.Envelope, item.Audit, item.Envelope.Click!);
        var context = new CommandContext(envelope.Id, envelope.UserId, envelope.ChannelId, envelope.TeamId, dispatcher.Registry) { Access = services.Access };
        audit.Context = context;
        var result = await alertClicks.HandleAsync(envelope, click, context, ct).ConfigureAwait(false);
        audit.Decision = result.Decision;
        audit.Named = (result.Command, result.Arguments);
        var delivered = await replies.SendAsync(envelope, result.Reply, ct).ConfigureAwait(false);
        audit.Write(delivered ? result.Outcome : "undeliverable");
        log.LogInformation("Alert click {CommandId} on {Action}: {Decision}, delivered {Delivered}", envelope.Id, click.ActionId, result.Decision, delivered);
        return new WorkerResult(delivered ? WorkerOutcome.Answered : WorkerOutcome.Undeliverable, answers.Record(envelope, result.Decision, envelope.UserId));
    }
}
