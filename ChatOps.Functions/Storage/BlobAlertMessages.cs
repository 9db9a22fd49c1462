using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ChatOps.Core.Alerts;

namespace ChatOps.Functions.Storage;

/// <summary>Each alert group's message record as a blob `alertmsg-{group id}` in the dedupe container (which the
/// Bicep already creates and the app may write), with ETag conditions so racing notifications cannot both post.</summary>
public sealed class BlobAlertMessages(Func<BlobContainerClient> find) : IAlertMessages
{
    /// <summary>Found on first use: the command line (`ask`) builds the commands that can touch an alert message, such as
    /// `silence`, without any storage settings, and never calls them with an alert.</summary>
    private readonly Lazy<BlobContainerClient> _container = new(find);

    public BlobAlertMessages(BlobContainerClient container) : this(() => container) { }

    private BlobContainerClient Container => _container.Value;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private Task? _created;

    public async Task<(AlertMessageRecord Record, string Version)?> FindAsync(string groupId, CancellationToken ct = default)
    {
        await EnsureAsync().ConfigureAwait(false);
        try
        {
            var response = await Blob(groupId).DownloadContentAsync(ct).ConfigureAwait(false);
            var record = response.Value.Content.ToObjectFromJson<AlertMessageRecord>(Json);
            return record is null ? null : (record, response.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public Task<string?> TryCreateAsync(string groupId, AlertMessageRecord record, CancellationToken ct = default) =>
        WriteAsync(groupId, record, new BlobRequestConditions { IfNoneMatch = ETag.All }, ct);

    public Task<string?> TryReplaceAsync(string groupId, AlertMessageRecord record, string version, CancellationToken ct = default) =>
        WriteAsync(groupId, record, new BlobRequestConditions { IfMatch = new ETag(version) }, ct);

    private async Task<string?> WriteAsync(string groupId, AlertMessageRecord record, BlobRequestConditions conditions, CancellationToken ct)
    {
        await EnsureAsync().ConfigureAwait(false);
        try
        {
            var response = await Blob(groupId).UploadAsync(BinaryData.FromObjectAsJson(record, Json), new BlobUploadOptions
            {
                Conditions = conditions,
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            }, ct).ConfigureAwait(false);
            return response.Value.ETag.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    public async Task SaveNotificationAsync(string name, AlertNotification notification, CancellationToken ct = default)
    {
        await EnsureAsync().ConfigureAwait(false);
        await Container.GetBlobClient(name).UploadAsync(BinaryData.FromObjectAsJson(notification, Json), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
        }, ct).ConfigureAwait(false);
    }

    public async Task<AlertNotification?> LoadNotificationAsync(string name, CancellationToken ct = default)
    {
        await EnsureAsync().ConfigureAwait(false);
        try
        {
            var response = await Container.GetBlobClient(name).DownloadContentAsync(ct).ConfigureAwait(false);
            return response.Value.Content.ToObjectFromJson<AlertNotification>(Json);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public Task RemoveNotificationAsync(string name, CancellationToken ct = default) =>
        Container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: ct);

    public async IAsyncEnumerable<StoredAlertRecord> ListAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await EnsureAsync().ConfigureAwait(false);
        await foreach (var item in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, RecordPrefix, ct).ConfigureAwait(false))
        {
            var groupId = item.Name[RecordPrefix.Length..];
            // Read whole, for the version the sweep's conditional write or delete needs; gone meanwhile is nothing to sweep.
            if (await FindAsync(groupId, ct).ConfigureAwait(false) is not { } found) continue;
            yield return new StoredAlertRecord(groupId, found.Record, found.Version, item.Properties.LastModified ?? DateTimeOffset.MinValue);
        }
    }

    public async Task<bool> TryRemoveAsync(string groupId, string version, CancellationToken ct = default)
    {
        try
        {
            return (await Blob(groupId).DeleteIfExistsAsync(DeleteSnapshotsOption.None, new BlobRequestConditions { IfMatch = new ETag(version) }, ct)
                .ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    public async IAsyncEnumerable<(string Name, DateTimeOffset WrittenAt)> ListNotificationsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await EnsureAsync().ConfigureAwait(false);
        await foreach (var item in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, AlertBodyRef.Prefix, ct).ConfigureAwait(false))
            yield return (item.Name, item.Properties.LastModified ?? DateTimeOffset.MinValue);
    }

    private const string RecordPrefix = "alertmsg-";

    private BlobClient Blob(string groupId) => Container.GetBlobClient(RecordPrefix + groupId);

    private Task EnsureAsync()
    {
        if (_created is not { IsCompletedSuccessfully: true }) _created = CreateAsync();
        return _created;
    }

    private async Task CreateAsync()
    {
        try
        {
            await Container.CreateIfNotExistsAsync().ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 403)
        {
            // In Azure the Bicep creates it and the app's identity may only use it.
        }
    }
}
