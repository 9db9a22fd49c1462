using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ChatOps.Functions.Configuration;
using Microsoft.Extensions.Options;

namespace ChatOps.Local.Serve;

/// <summary>
/// Feeds the queue-triggered functions from the storage queues (Azurite locally) with the Functions host's
/// semantics from host.json: batches of batchSize, a new batch once in-flight messages drop to
/// newBatchThreshold, polling backing off to maxPollingInterval; success deletes the message; a failure
/// shows it again after visibilityTimeout; the maxDequeueCount-th failure moves it to the poison queue.
/// Messages live in storage, so a command acked before a crash is answered after the restart.
/// </summary>
internal sealed class QueuePump(
    QueueServiceClient queues, QueueRoute route, HostJsonQueues settings, LocalQueueOptions options, IServiceProvider services, ILogger log)
{
    private readonly QueueClient _queue = queues.GetQueueClient(route.Queue);
    private readonly HashSet<Task> _running = [];

    public async Task RunAsync(CancellationToken stop)
    {
        await EnsureQueuesAsync(stop).ConfigureAwait(false);
        var idle = TimeSpan.FromMilliseconds(100);
        while (!stop.IsCancellationRequested)
        {
            QueueMessage[] batch = [];
            if (InFlight() <= settings.NewBatchThreshold)
            {
                try
                {
                    batch = (await _queue.ReceiveMessagesAsync(Math.Min(settings.BatchSize, 32), options.Lease, stop).ConfigureAwait(false)).Value;
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (RequestFailedException ex)
                {
                    log.LogWarning("Polling {Queue} failed ({Status}); trying again", route.Queue, ex.Status);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogWarning("Polling {Queue} failed ({Error}); is Azurite running? Trying again", route.Queue, ex.Message);
                }
            }
            foreach (var message in batch) Track(DeliverAsync(message, stop));
            idle = batch.Length > 0 ? TimeSpan.FromMilliseconds(100) : Min(idle * 2, settings.MaxPollingInterval);
            try
            {
                await Task.Delay(batch.Length > 0 ? TimeSpan.FromMilliseconds(10) : idle, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        Task[] left;
        lock (_running) left = [.. _running];
        // Not cancelled mid-reply by shutdown: what is running finishes (within the host's stop timeout).
        await Task.WhenAll(left).ConfigureAwait(false);
    }

    private async Task DeliverAsync(QueueMessage message, CancellationToken stop)
    {
        // As the host does: a message already past maxDequeueCount (its process died while running it, or its
        // move to the poison queue was cut short) goes to the poison queue without running again.
        if (message.DequeueCount > settings.MaxDequeueCount)
        {
            await SettleQuietlyAsync(message, message.PopReceipt, new InvalidOperationException("past maxDequeueCount")).ConfigureAwait(false);
            return;
        }
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var receipt = new Receipt(message.PopReceipt);
        var renewal = RenewAsync(message, receipt, renewing.Token);
        Exception? failure = null;
        try
        {
            await using var scope = services.CreateAsyncScope();
            await route.Invoke(scope.ServiceProvider, message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        await renewing.CancelAsync().ConfigureAwait(false);
        await renewal.ConfigureAwait(false);
        await SettleQuietlyAsync(message, receipt.Value, failure).ConfigureAwait(false);
    }

    private async Task SettleQuietlyAsync(QueueMessage message, string receipt, Exception? failure)
    {
        try
        {
            await SettleAsync(message, receipt, failure).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The lease runs out and the message comes back: at worst it is delivered once more.
            log.LogWarning("Could not settle {MessageId} in {Queue} ({Error}); it will be delivered again", message.MessageId, route.Queue, ex.Message);
        }
    }

    private async Task SettleAsync(QueueMessage message, string receipt, Exception? failure)
    {
        if (failure is null)
        {
            await _queue.DeleteMessageAsync(message.MessageId, receipt).ConfigureAwait(false);
            return;
        }
        if (message.DequeueCount < settings.MaxDequeueCount)
        {
            log.LogWarning("{Queue} message {MessageId} failed (attempt {DequeueCount} of {Max}); retrying", route.Queue, message.MessageId,
                message.DequeueCount, settings.MaxDequeueCount);
            await _queue.UpdateMessageAsync(message.MessageId, receipt, visibilityTimeout: options.VisibilityTimeout ?? settings.VisibilityTimeout)
                .ConfigureAwait(false);
            return;
        }
        if (route.PoisonQueue is { } poison)
        {
            log.LogError("{Queue} message {MessageId} failed {Max} times; moved to {PoisonQueue}", route.Queue, message.MessageId,
                settings.MaxDequeueCount, poison);
            await queues.GetQueueClient(poison).SendMessageAsync(message.Body).ConfigureAwait(false);
        }
        else
        {
            log.LogError("{Queue} message {MessageId} failed {Max} times; dropped", route.Queue, message.MessageId, settings.MaxDequeueCount);
        }
        await _queue.DeleteMessageAsync(message.MessageId, receipt).ConfigureAwait(false);
    }

    /// <summary>Keeps a running message invisible, as the host does, so a long command is not delivered twice.
    /// Only the wait between renewals is cancelled: an update in flight finishes, so its new pop receipt is kept.</summary>
    private async Task RenewAsync(QueueMessage message, Receipt receipt, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await Task.Delay(options.Lease / 2, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                var renewed = await _queue.UpdateMessageAsync(message.MessageId, receipt.Value, visibilityTimeout: options.Lease)
                    .ConfigureAwait(false);
                receipt.Value = renewed.Value.PopReceipt;
            }
            catch (Exception ex)
            {
                log.LogWarning("Could not renew the lease on {MessageId} ({Error})", message.MessageId, ex.Message);
                return;
            }
        }
    }

    private async Task EnsureQueuesAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await _queue.CreateIfNotExistsAsync(cancellationToken: stop).ConfigureAwait(false);
                if (route.PoisonQueue is { } poison) await queues.GetQueueClient(poison).CreateIfNotExistsAsync(cancellationToken: stop).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning("Storage for {Queue} is not reachable ({Error}); is Azurite running? Trying again", route.Queue, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stop).ConfigureAwait(false);
            }
        }
    }

    private int InFlight()
    {
        lock (_running) return _running.Count;
    }

    private void Track(Task task)
    {
        lock (_running) _running.Add(task);
        _ = task.ContinueWith(t =>
        {
            lock (_running) _running.Remove(t);
        }, TaskScheduler.Default);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Each renewal gives a new pop receipt; settling needs the latest.</summary>
    private sealed class Receipt(string value)
    {
        public string Value { get; set; } = value;
    }
}
