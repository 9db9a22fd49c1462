using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ChatOps.Core.Delivery;
using ChatOps.Core.Envelopes;
using ChatOps.Core.Replies;

namespace ChatOps.Functions.Storage;

/// <summary>
/// Rate-limited replies kept as blobs beside the delivery claims (a reply with a graph is far over a queue
/// message's 64 KB) and brought back by a new message on the commands queue, invisible until Slack's
/// Retry-After has passed.
/// </summary>
public sealed class StorageReplyDeferrals(BlobContainerClient container, QueueClient queue) : IReplyDeferrals
{
    // Azure Storage queues hide a message for at most 7 days.
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);

    public async Task DeferAsync(CommandEnvelope envelope, ChatReply reply, bool replaceOriginal, TimeSpan delay, CancellationToken ct = default)
    {
        var deferred = new DeferredReply("reply-" + Guid.NewGuid().ToString("N"), (envelope.Deferred?.Round ?? 0) + 1);
        await container.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        await container.GetBlobClient(deferred.Id).UploadAsync(BinaryData.FromString(ReplyJson.Serialize(reply, replaceOriginal)), ct)
            .ConfigureAwait(false);
        await RequeueAsync(envelope with { Kind = EnvelopeKind.DeferredReply, Deferred = deferred }, delay, ct).ConfigureAwait(false);
    }

    public async Task RequeueAsync(CommandEnvelope envelope, TimeSpan delay, CancellationToken ct = default)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        var wait = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;
        await queue.SendMessageAsync(EnvelopeJson.Serialize(envelope), visibilityTimeout: wait, cancellationToken: ct).ConfigureAwait(false);
    }

    public async Task<(ChatReply Reply, bool ReplaceOriginal)?> LoadAsync(DeferredReply deferred, CancellationToken ct = default)
    {
        try
        {
            var content = await container.GetBlobClient(deferred.Id).DownloadContentAsync(ct).ConfigureAwait(false);
            return ReplyJson.TryDeserialize(content.Value.Content.ToString());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public Task RemoveAsync(DeferredReply deferred, CancellationToken ct = default) =>
        container.GetBlobClient(deferred.Id).DeleteIfExistsAsync(cancellationToken: ct);
}
