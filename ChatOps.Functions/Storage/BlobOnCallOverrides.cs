using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ChatOps.Core.OnCall;

namespace ChatOps.Functions.Storage;

/// <summary>Every on-call override in one blob, <see cref="BlobName"/> in its own container (OnCall__Container, default `chatops-oncall`),
/// shared by every instance. One blob so a page reads the overrides with one download; each save rewrites it under
/// an ETag condition (a racing save is read again and merged, never lost) and drops the overrides that have ended.
/// An override keeps its id, so a retried confirmation replaces its own entry instead of adding a second.</summary>
/// <remarks>Its own container because an override may last a month, and the dedupe container's lifecycle rule
/// deletes what is a week old. The container is found on first use, so the command line (which has no storage) can
/// list commands.</remarks>
public sealed class BlobOnCallOverrides(Func<BlobContainerClient> find, TimeProvider clock) : IOnCallOverrides
{
    public const string BlobName = "overrides.json";
    private const int MaxRaces = 20;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lazy<BlobContainerClient> _container = new(find);
    private Task? _created;

    public async Task<IReadOnlyList<OnCallOverride>> ListAsync(DateTimeOffset since, CancellationToken ct = default)
    {
        await EnsureAsync().ConfigureAwait(false);
        var (entries, _) = await ReadAsync(ct).ConfigureAwait(false);
        return entries.Where(e => e.Until > since).ToList();
    }

    public async Task SaveAsync(OnCallOverride entry, CancellationToken ct = default)
    {
        await EnsureAsync().ConfigureAwait(false);
        var blob = _container.Value.GetBlobClient(BlobName);
        for (var race = 0; ; race++)
        {
            var (entries, etag) = await ReadAsync(ct).ConfigureAwait(false);
            var now = clock.GetUtcNow();
            var kept = entries.Where(e => e.Id != entry.Id && e.Until > now).Append(entry).ToList();
            try
            {
                await blob.UploadAsync(BinaryData.FromObjectAsJson(kept, Json), new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                    Conditions = etag is { } tag ? new BlobRequestConditions { IfMatch = tag } : new BlobRequestConditions { IfNoneMatch = ETag.All },
                }, ct).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && race < MaxRaces)
            {
                // Another instance saved in between: read its version and merge again.
            }
        }
    }

    private async Task<(List<OnCallOverride> Entries, ETag? ETag)> ReadAsync(CancellationToken ct)
    {
        try
        {
            var content = await _container.Value.GetBlobClient(BlobName).DownloadContentAsync(ct).ConfigureAwait(false);
            return (content.Value.Content.ToObjectFromJson<List<OnCallOverride>>(Json) ?? [], content.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return ([], null);
        }
    }

    // A failed creation is tried again on the next call rather than kept.
    private Task EnsureAsync()
    {
        if (_created is not { IsCompletedSuccessfully: true }) _created = CreateAsync();
        return _created;
    }

    private async Task CreateAsync()
    {
        try
        {
            await _container.Value.CreateIfNotExistsAsync().ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 403)
        {
            // In Azure the Bicep creates it and the app's identity may only use it.
        }
    }
}
