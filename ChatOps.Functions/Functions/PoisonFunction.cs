using Azure.Storage.Queues.Models;
using ChatOps.Core.Worker;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace ChatOps.Functions.Functions;

/// <summary>`poison` on chatops-commands-poison: tells the user their command failed after every retry,
/// with the id its failures were logged under.</summary>
public sealed class PoisonFunction(PoisonNotifier notifier, ILogger<PoisonFunction> log)
{
    [Function(FunctionNames.Poison)]
    public async Task RunAsync(
        [QueueTrigger(FunctionNames.PoisonQueue, Connection = FunctionNames.StorageConnection)] QueueMessage message, CancellationToken ct = default)
    {
        if (QueuedEnvelope.Read(message) is not { } envelope)
        {
            log.LogError("Dropped poison message {MessageId}: not a command envelope this version understands", message.MessageId);
            return;
        }
        await notifier.NotifyAsync(envelope, ct).ConfigureAwait(false);
    }
}
