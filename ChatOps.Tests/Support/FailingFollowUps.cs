using ChatOps.Core.Delivery;
using ChatOps.Core.Envelopes;

namespace ChatOps.Tests.Support;

/// <summary>Follow-ups whose first <paramref name="failures"/> queueings fail as a storage outage would; the rest
/// go to the real queue.</summary>
public sealed class FailingFollowUps(IFollowUps inner, int failures) : IFollowUps
{
    private int _calls;

    public int Calls => _calls;

    public Task QueueAsync(CommandEnvelope envelope, TimeSpan delay, CancellationToken ct = default) =>
        Interlocked.Increment(ref _calls) <= failures
            ? throw new Azure.RequestFailedException(503, "The server is busy.")
            : inner.QueueAsync(envelope, delay, ct);
}
