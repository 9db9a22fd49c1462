using ChatOps.Core.Envelopes;

namespace ChatOps.Core.Worker;

/// <summary>
/// The handler of one kind of queued work. The pipeline (<see cref="CommandWorker"/>) claims the work's key,
/// runs it, and stores the record it returns, so nothing runs twice; what a handler may do when its work comes
/// back (a retry, a redelivery, a second click) is stated in <see cref="QueuedWorkTable"/>.
/// </summary>
public interface IQueuedWork
{
    EnvelopeKind Kind { get; }

    /// <summary>True when every attempt leaves one audit record (what people sent, notifications); a follow-up
    /// look or a kept reply is audited by what it finishes instead.</summary>
    bool Audited { get; }

    /// <summary>Whether the envelope carries what this kind needs (a follow-up its deployment, a kept reply its id).</summary>
    bool IsComplete(CommandEnvelope envelope);

    /// <summary>The key one piece of work is claimed and recorded under: the same for every delivery of it.</summary>
    string ClaimKey(CommandEnvelope envelope);

    /// <summary>Runs claimed work. The result's record is stored under the key (nothing runs again); a null
    /// record releases the key, so a later delivery may run. An exception releases it and the queue retries.</summary>
    Task<WorkerResult> RunAsync(QueuedItem item, CancellationToken ct);

    /// <summary>The key was claimed before: <paramref name="earlier"/> is its record when that work finished,
    /// null while another delivery still holds it. Nothing of the work may run again here.</summary>
    Task<WorkerResult> RepeatAsync(QueuedItem item, DeliveryRecord? earlier, CancellationToken ct);
}
