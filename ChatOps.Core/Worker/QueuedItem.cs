using ChatOps.Core.Envelopes;

namespace ChatOps.Core.Worker;

/// <summary>One delivery of one envelope, as the pipeline hands it to its kind's handler.</summary>
/// <param name="MessageId">The queue message carrying it: a claim is held in its name, so a later attempt of
/// the same message can take over a claim its dead predecessor left.</param>
/// <param name="Audit">This attempt's audit record, written once by handlers of audited kinds.</param>
public sealed record QueuedItem(CommandEnvelope Envelope, EnvelopeKind Kind, int DequeueCount, string MessageId, AuditDraft Audit);
