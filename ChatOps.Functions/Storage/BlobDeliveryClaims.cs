using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ChatOps.Core.Delivery;
using ChatOps.Core.Failures;
using ChatOps.Core.Worker;
using Microsoft.Extensions.Logging;

namespace ChatOps.Functions.Storage;

/// <summary>
/// Delivery claims as blobs in chatops-dedupe, one per dedupe key. A claim is a conditional create
/// (If-None-Match: *), which the storage service grants to exactly one caller; taking over a dead claim and
/// recording the outcome are conditional on the ETag read, so no writer silently overwrites another.
/// </summary>
public sealed class BlobDeliveryClaims(BlobContainerClient container, TimeProvider clock, ILogger<BlobDeliveryClaims> log) : IDeliveryClaims
{
    private Task? _created;

    public async Task<ClaimResult> TryClaimAsync(string key, string messageId, CancellationToken ct = default)
    {
        // Created once per process; a failed attempt (storage down) is tried again by the next delivery.
        if (_created is not { IsCompletedSuccessfully: true }) _created = EnsureContainerAsync(container);
        await _created.ConfigureAwait(false);
        var blob = container.GetBlobClient(key);
        // A few rounds only: each lost round means another writer changed the blob in between.
        for (var round = 0; round < 4; round++)
        {
            var marker = BinaryData.FromString(new ClaimMarker(ClaimMarker.Kind, messageId, clock.GetUtcNow()).ToJson());
            if (await TryWriteAsync(blob, marker, new BlobRequestConditions { IfNoneMatch = ETag.All }, ct).ConfigureAwait(false) is { } created)
                return new ClaimResult.Claimed(new DeliveryClaim(key, created.ToString()));

            var (stored, etag) = await ReadAsync(blob, ct).ConfigureAwait(false);
            if (etag is null) continue; // released in between: try to create it again
            if (ClaimRules.Judge(stored, messageId, clock.GetUtcNow()) is { } verdict) return verdict;

            log.LogInformation("Taking over the claim on {DedupeKey} for message {MessageId}", key, messageId);
            if (await TryWriteAsync(blob, marker, new BlobRequestConditions { IfMatch = etag }, ct).ConfigureAwait(false) is { } taken)
                return new ClaimResult.Claimed(new DeliveryClaim(key, taken.ToString()));
        }
        throw new ServiceFailureException($"the dedupe blob {key} kept changing; try again", FailureHandling.Retry);
    }

    public async Task FinishAsync(DeliveryClaim claim, DeliveryRecord record, CancellationToken ct = default)
    {
        var written = await TryWriteAsync(container.GetBlobClient(claim.Key), BinaryData.FromString(record.ToJson()),
            new BlobRequestConditions { IfMatch = new ETag(claim.Version) }, ct).ConfigureAwait(false);
        if (written is null)
            log.LogWarning("The claim on {DedupeKey} was taken over before {CommandId} finished; its outcome is not recorded", claim.Key, record.CommandId);
    }

    public async Task ReleaseAsync(DeliveryClaim claim, CancellationToken ct = default)
    {
        try
        {
            await container.GetBlobClient(claim.Key).DeleteIfExistsAsync(conditions: new BlobRequestConditions { IfMatch = new ETag(claim.Version) },
                cancellationToken: ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Someone took it over meanwhile: it is theirs now.
        }
    }

    private static async Task<ETag?> TryWriteAsync(BlobClient blob, BinaryData content, BlobRequestConditions conditions, CancellationToken ct)
    {
        try
        {
            var response = await blob.UploadAsync(content, new BlobUploadOptions
            {
                Conditions = conditions,
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            }, ct).ConfigureAwait(false);
            return response.Value.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    private static async Task<(string? Text, ETag? ETag)> ReadAsync(BlobClient blob, CancellationToken ct)
    {
        try
        {
            var response = await blob.DownloadContentAsync(ct).ConfigureAwait(false);
            return (response.Value.Content.ToString(), response.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (null, null);
        }
    }

    private static async Task EnsureContainerAsync(BlobContainerClient container)
    {
        try
        {
            await container.CreateIfNotExistsAsync().ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 403)
        {
            // In Azure the Bicep creates it and the app's identity may only use it.
        }
    }
}
