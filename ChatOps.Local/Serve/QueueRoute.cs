using Azure.Storage.Queues.Models;

namespace ChatOps.Local.Serve;

/// <summary>One queue the local host polls, the function it feeds, and where its failures go after the last
/// attempt (null: nowhere; the message is dropped with an error log, as the host does for a poison queue's own).</summary>
internal sealed record QueueRoute(string Queue, string? PoisonQueue, Func<IServiceProvider, QueueMessage, CancellationToken, Task> Invoke);
