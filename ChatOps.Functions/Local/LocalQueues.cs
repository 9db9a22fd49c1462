using System.Threading.Channels;
using ChatOps.Functions.HostProtocol;

namespace ChatOps.Functions.Local;

/// <summary>
/// The in-process stand-in for the two storage queues in local mode. Not durable: messages still
/// queued when the process stops are lost (the README says so).
/// </summary>
public sealed class LocalQueues
{
    private readonly Dictionary<string, Channel<LocalMessage>> _queues = new()
    {
        [FunctionNames.CommandsQueue] = Channel.CreateUnbounded<LocalMessage>(),
        [FunctionNames.PoisonQueue] = Channel.CreateUnbounded<LocalMessage>(),
    };

    public void Enqueue(string queue, string text) =>
        Put(queue, new LocalMessage(Guid.NewGuid().ToString(), text, 0, DateTimeOffset.UtcNow));

    internal void Put(string queue, LocalMessage message)
    {
        if (!_queues[queue].Writer.TryWrite(message)) throw new InvalidOperationException($"local queue {queue} is closed");
    }

    internal ChannelReader<LocalMessage> Reader(string queue) => _queues[queue].Reader;
}

/// <summary>One message as the storage queue keeps it: its text, id and how often it was dequeued.</summary>
internal sealed record LocalMessage(string Id, string Text, int DequeueCount, DateTimeOffset InsertedAt);
