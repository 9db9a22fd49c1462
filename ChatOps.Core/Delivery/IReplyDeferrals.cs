using ChatOps.Core.Envelopes;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Delivery;

/// <summary>
/// Replies Slack would not take yet (429 with a Retry-After longer than the worker may sleep): the rendered
/// reply is kept, and a new queue message brings it back after the wait. The command is not run again, and
/// the wait is not a failed attempt: the message that hit the limit completes.
/// </summary>
public interface IReplyDeferrals
{
    /// <summary>Keeps the reply and queues the envelope again, visible after <paramref name="delay"/>.</summary>
    Task DeferAsync(CommandEnvelope envelope, ChatReply reply, bool replaceOriginal, TimeSpan delay, CancellationToken ct = default);

    /// <summary>The reply a deferred envelope refers to; null when it is gone (posted and removed already).</summary>
    Task<(ChatReply Reply, bool ReplaceOriginal)?> LoadAsync(DeferredReply deferred, CancellationToken ct = default);

    Task RemoveAsync(DeferredReply deferred, CancellationToken ct = default);

    /// <summary>Puts an envelope back on the queue as it is, visible after <paramref name="delay"/>: for a click
    /// that must wait for another click on the same request. A wait, not a failed attempt.</summary>
    Task RequeueAsync(CommandEnvelope envelope, TimeSpan delay, CancellationToken ct = default);
}
