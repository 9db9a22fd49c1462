using Azure.Storage.Queues;
using ChatOps.Core.Delivery;
using ChatOps.Core.Envelopes;

namespace ChatOps.Functions.Storage;

/// <summary>Follow-up envelopes on the commands queue, invisible until the delay has passed.</summary>
public sealed class StorageFollowUps(QueueClient queue) : IFollowUps
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);

    public async Task QueueAsync(CommandEnvelope envelope, TimeSpan delay, CancellationToken ct = default)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        var wait = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;
        await queue.SendMessageAsync(EnvelopeJson.Serialize(envelope), visibilityTimeout: wait, cancellationToken: ct).ConfigureAwait(false);
    }
}
