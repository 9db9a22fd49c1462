using System.Collections.Concurrent;
using ChatOps.Core.Delivery;
using ChatOps.Core.Envelopes;

namespace ChatOps.Tests.Support;

/// <summary>Keeps what the app queues for later with its delay, so a test decides when "later" is.</summary>
public sealed class RecordingFollowUps : IFollowUps
{
    private readonly ConcurrentQueue<(CommandEnvelope Envelope, TimeSpan Delay)> _queued = new();

    public IReadOnlyList<(CommandEnvelope Envelope, TimeSpan Delay)> Queued => _queued.ToList();

    public Task QueueAsync(CommandEnvelope envelope, TimeSpan delay, CancellationToken ct = default)
    {
        _queued.Enqueue((envelope, delay));
        return Task.CompletedTask;
    }

    /// <summary>Takes the oldest queued envelope, as the queue would once its delay passed; null when none is left.</summary>
    public (CommandEnvelope Envelope, TimeSpan Delay)? Next() => _queued.TryDequeue(out var next) ? next : null;
}
