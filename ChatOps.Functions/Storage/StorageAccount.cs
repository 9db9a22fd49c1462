using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace ChatOps.Functions.Storage;

/// <summary>
/// The app's own clients for the storage account the bindings use (AzureWebJobsStorage): a connection string
/// (Azurite: UseDevelopmentStorage=true), or the Functions identity-based form (__accountName or
/// __blobServiceUri/__queueServiceUri, with __credential=managedidentity and __clientId). Written here because
/// Microsoft.Extensions.Azure reads other key names (serviceUri) and would not understand the host's.
/// </summary>
public sealed class StorageAccount(IConfiguration configuration)
{
    private IConfigurationSection Section => configuration.GetSection(FunctionNames.StorageConnection);

    public BlobServiceClient Blobs() => Section.Value is { Length: > 0 } connection
        ? new BlobServiceClient(connection)
        : new BlobServiceClient(ServiceUri("blob"), Credential());

    /// <summary>Queues as the Functions queue extension writes them: base64 text (host.json messageEncoding).</summary>
    public QueueServiceClient Queues() => Section.Value is { Length: > 0 } connection
        ? new QueueServiceClient(connection, QueueOptions)
        : new QueueServiceClient(ServiceUri("queue"), Credential(), QueueOptions);

    private static readonly QueueClientOptions QueueOptions = new() { MessageEncoding = QueueMessageEncoding.Base64 };

    private Uri ServiceUri(string service)
    {
        if (Section[$"{service}ServiceUri"] is { Length: > 0 } uri) return new Uri(uri);
        if (Section["accountName"] is { Length: > 0 } account) return new Uri($"https://{account}.{service}.core.windows.net");
        throw new InvalidOperationException(
            $"{FunctionNames.StorageConnection} is not set: give a connection string, or {FunctionNames.StorageConnection}__accountName for the app's identity");
    }

    private TokenCredential Credential() => Section["clientId"] is { Length: > 0 } clientId
        ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
        : new DefaultAzureCredential();
}
