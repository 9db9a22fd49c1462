using Azure.Storage.Queues.Models;
using ChatOps.Core.Worker;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace ChatOps.Functions.Functions;

/// <summary>
/// `worker` on chatops-commands: runs the command and answers in Slack. An exception fails the invocation,
/// so the queue shows the message again after the visibility timeout and, after maxDequeueCount attempts,
/// moves it to the poison queue.
/// </summary>
public sealed class WorkerFunction(CommandWorker worker, ILogger<WorkerFunction> log)
{
    [Function(FunctionNames.Worker)]
    public async Task RunAsync(
        [QueueTrigger(FunctionNames.CommandsQueue, Connection = FunctionNames.StorageConnection)] QueueMessage message, CancellationToken ct = default)
    {
        if (QueuedEnvelope.Read(message) is not { } envelope)
        {
            // Retrying cannot make it readable, and there is nobody to answer.
            log.LogError("Dropped queue message {MessageId}: not a command envelope this version understands", message.MessageId);
            return;
        }
        try
        {
            await worker.RunAsync(envelope, (int)message.DequeueCount, message.MessageId, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError(ex, "Worker failed for {CommandId} on attempt {DequeueCount}; the queue will retry it", envelope.Id, message.DequeueCount);
            throw;
        }
    }
}
