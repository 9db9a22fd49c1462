using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ChatOps.Core.OnCall;

namespace ChatOps.Functions.Storage;

/// <summary>Each on-call override as a blob `oncall-override-{id}` in the dedupe container, shared by every instance.
/// Named by the override's id, so a retried confirmation overwrites its own copy instead of adding a second.</summary>
/// <remarks>The container is found on first use, so the command line (which has no storage) can list commands.</remarks>
public sealed class BlobOnCallOverrides(Func<BlobContainerClient> find) : IOnCallOverrides
{
    private readonly Lazy<BlobContainerClient> _container = new(find);
    private const string Prefix = "oncall-override-";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private Task? _created;

    public async Task<IReadOnlyList<OnCallOverride>> ListAsync(DateTimeOffset since, CancellationToken ct = default)
    {
        await EnsureAsync().ConfigureAwait(false);
        var found = new List<OnCallOverride>();
        await foreach (var item in _container.Value.GetBlobsAsync(BlobTraits.None, BlobStates.None, Prefix, ct).ConfigureAwait(false))
        {
            try
            {
                var content = await _container.Value.GetBlobClient(item.Name).DownloadContentAsync(ct).ConfigureAwait(false);
                if (content.Value.Content.ToObjectFromJson<OnCallOverride>(Json) is { } entry && entry.Until > since) found.Add(entry);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Removed between the listing and the read.
            }
        }
        return found;
    }

    public async Task SaveAsync(OnCallOverride entry, CancellationToken ct = default)
    {
        await EnsureAsync().ConfigureAwait(false);
        await _container.Value.GetBlobClient(Prefix + entry.Id).UploadAsync(BinaryData.FromObjectAsJson(entry, Json), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
        }, ct).ConfigureAwait(false);
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
