namespace ChatOps.Core.Envelopes;

/// <summary>On an envelope queued again because Slack rate-limited its reply: where the rendered reply is kept,
/// and how many times it has been put off (each a wait, never a failed attempt).</summary>
public sealed record DeferredReply(string Id, int Round);
