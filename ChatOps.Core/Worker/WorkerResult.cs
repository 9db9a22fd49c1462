namespace ChatOps.Core.Worker;

/// <summary>What the worker did, and the record to store under the envelope's dedupe key; null stores
/// nothing, so a later delivery may run.</summary>
public sealed record WorkerResult(WorkerOutcome Outcome, DeliveryRecord? Record);

public enum WorkerOutcome
{
    Answered,
    Ignored,
    Undeliverable,

    /// <summary>Already answered under the same dedupe key; nothing ran.</summary>
    Duplicate,
}
