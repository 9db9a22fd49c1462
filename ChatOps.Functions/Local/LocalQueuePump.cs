using System.Text.Json.Nodes;
using ChatOps.Core.Options;
using ChatOps.Functions.HostProtocol;
using Microsoft.Extensions.Options;

namespace ChatOps.Functions.Local;

/// <summary>
/// Delivers local queue messages to the queue-triggered functions with the host's semantics: each
/// delivery increments DequeueCount; a failed invocation makes the message visible again after the
/// visibility timeout; after maxDequeueCount failures a command moves to the poison queue.
/// </summary>
public sealed class LocalQueuePump(
    LocalQueues queues, LocalBlobs blobs, FunctionInvoker functions, IOptions<LocalQueueOptions> options, WorkerOptions worker, ILogger<LocalQueuePump> log)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        PumpAsync(FunctionNames.CommandsQueue, FunctionNames.Worker, FunctionNames.PoisonQueue, stoppingToken),
        PumpAsync(FunctionNames.PoisonQueue, FunctionNames.Poison, null, stoppingToken));

    private async Task PumpAsync(string queue, string function, string? poisonQueue, CancellationToken ct)
    {
        try
        {
            await foreach (var message in queues.Reader(queue).ReadAllAsync(ct))
                _ = DeliverAsync(queue, function, poisonQueue, message with { DequeueCount = message.DequeueCount + 1 }, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private static string? DedupeKey(string messageText)
    {
        try
        {
            return JsonNode.Parse(messageText)?[FunctionNames.DedupeKeyProperty] is JsonValue v && v.TryGetValue<string>(out var key) ? key : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private async Task DeliverAsync(string queue, string function, string? poisonQueue, LocalMessage message, CancellationToken ct)
    {
        var ok = false;
        try
        {
            var payload = QueueTriggerData.ToHostPayload(FunctionNames.QueueTrigger, message.Text, message.Id, message.DequeueCount, message.InsertedAt);
            // worker/function.json's blob bindings, as the host would resolve {dedupeKey}: read before, write after success.
            var dedupeKey = function == FunctionNames.Worker ? DedupeKey(message.Text) : null;
            if (dedupeKey is not null) payload["Data"]![FunctionNames.DedupeInput] = blobs.Read(dedupeKey);
            var (status, body) = await functions.InvokeAsync(function, payload, ct);
            ok = status is >= 200 and < 300;
            if (ok && dedupeKey is not null && body?["Outputs"]?[FunctionNames.DedupeOutput] is JsonValue stored &&
                stored.TryGetValue<string>(out var content))
                blobs.Write(dedupeKey, content);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(ex, "Local delivery of {MessageId} to {Function} failed", message.Id, function);
        }
        if (ok || ct.IsCancellationRequested) return;

        var max = worker.MaxDequeueCount;
        if (message.DequeueCount < max)
        {
            log.LogWarning("{Function} failed {MessageId} (attempt {DequeueCount} of {Max}); retrying", function, message.Id, message.DequeueCount, max);
            try
            {
                await Task.Delay(options.Value.VisibilityTimeout, ct).ConfigureAwait(false);
                queues.Put(queue, message);
            }
            catch (OperationCanceledException)
            {
                // Shutting down: local mode is not durable, the README says so.
            }
        }
        else if (poisonQueue is not null)
        {
            log.LogError("{MessageId} failed {Max} times; moved to {PoisonQueue}", message.Id, max, poisonQueue);
            queues.Enqueue(poisonQueue, message.Text);
        }
        else
        {
            log.LogError("{MessageId} failed {Max} times in {Queue}; dropped", message.Id, max, queue);
        }
    }
}
