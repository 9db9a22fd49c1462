using ChatOps.Core.Envelopes;

namespace ChatOps.Core.Alerts;

/// <summary>The answer to Alertmanager, and the envelope to queue when there is one.</summary>
public sealed record AlertAck(int StatusCode, string Body, CommandEnvelope? Envelope, string Outcome);
