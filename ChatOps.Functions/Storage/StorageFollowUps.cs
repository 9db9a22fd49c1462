using Azure.Storage.Queues;
using ChatOps.Core.Delivery;
using ChatOps.Core.Envelopes;

namespace ChatOps.Functions.Storage;

/// <summary>Follow-up envelopes on the commands queue, invisible until the delay has passed.</summary>
public sealed class StorageFollowUps(Func<QueueClient> find) : IFollowUps
{
    /// <summary>Found on first use: the command line (`ask`) builds services that can queue a follow-up (an alert's
    /// escalation behind `silence`) without any storage settings, and never queues one.</summary>
    private readonly Lazy<QueueClient> _queue = new(find);

    public StorageFollowUps(QueueClient queue) : this(() => queue) { }

    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);

    public async Task QueueAsync(CommandEnvelope envelope, TimeSpan delay, CancellationToken ct = default)
    {
        await _queue.Value.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        var wait = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;
        await _queue.Value.SendMessageAsync(EnvelopeJson.Serialize(envelope), visibilityTimeout: wait, cancellationToken: ct).ConfigureAwait(false);
    }
}
