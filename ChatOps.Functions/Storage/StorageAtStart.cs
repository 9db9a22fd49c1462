using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatOps.Functions.Storage;

/// <summary>
/// Creates the queues and the dedupe container when the worker starts, if they are missing (Azurite under
/// `func start`; in Azure the Bicep made them). Otherwise the host polls a poison queue that does not exist
/// yet and logs a 404 every two seconds until the first command fails for good. Never stops the start.
/// </summary>
internal sealed class StorageAtStart(StorageAccount account, IOptions<DedupeOptions> dedupe, ILogger<StorageAtStart> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var queues = account.Queues();
            await queues.GetQueueClient(FunctionNames.CommandsQueue).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await queues.GetQueueClient(FunctionNames.PoisonQueue).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await account.Blobs().GetBlobContainerClient(dedupe.Value.Container).CreateIfNotExistsAsync(cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning("Could not check the queues and the dedupe container at start ({Error}); the functions create what they need", ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
